package io.coffer.secrets.engine.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PkiIssueTest {

	final PkiFixture pki = new PkiFixture();

	@Test
	void aGeneratedRootAnswersLikeVaultAndIsTheDefaultIssuer() {
		Map<String, Object> root = this.pki.root();

		assertThat(root).containsKeys("certificate", "expiration", "issuer_id", "issuing_ca", "key_id",
				"serial_number");
		assertThat(root).containsEntry("issuer_name", "root-ca").doesNotContainKey("private_key");
		X509Certificate ca = PkiFixture.certificate((String) root.get("certificate"));
		assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Coffer Test Root");
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		assertThat(root.get("expiration")).isEqualTo(PkiFixture.START.plus(Duration.ofHours(87600)).getEpochSecond());
		assertThat(root.get("serial_number")).asString().matches("([0-9a-f]{2}:)+[0-9a-f]{2}");
		assertThat(this.pki.ca()).isEqualTo(ca);
	}

	@Test
	void anExportedRootReturnsItsKeyOnceAndNeverOnReads() {
		Map<String, Object> root = this.pki
			.write("root/generate/exported", "common_name", "Exported", "key_type", "ec", "key_bits", 384)
			.data();

		assertThat(root).containsEntry("private_key_type", "ec");
		assertThat((String) root.get("private_key")).startsWith("-----BEGIN EC PRIVATE KEY-----");
		assertThat(this.pki.read("cert/ca").data().toString()).doesNotContain("PRIVATE KEY");
	}

	@Test
	void anIssuedCertificateValidatesAgainstTheCaWithTheJdk() throws Exception {
		this.pki.root();
		this.pki.write("roles/web", "allowed_domains", "example.com", "allow_subdomains", true, "key_type", "ec");

		Map<String, Object> issued = this.pki
			.write("issue/web", "common_name", "api.example.com", "alt_names", "www.example.com", "ip_sans", "10.0.0.7",
					"ttl", "24h")
			.data();

		X509Certificate leaf = PkiFixture.certificate((String) issued.get("certificate"));
		X509Certificate ca = this.pki.ca();
		this.pki.validate(leaf, ca);
		assertThat(leaf.getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.containsExactlyInAnyOrder((Object) "api.example.com", "www.example.com", "10.0.0.7");
		assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(issued).containsEntry("private_key_type", "ec")
			.containsEntry("issuing_ca", this.pki.read("cert/ca").data().get("certificate"))
			.containsEntry("expiration", PkiFixture.START.plus(Duration.ofHours(24)).getEpochSecond());
		assertThat((List<?>) issued.get("ca_chain")).hasSize(1);
		assertThat((String) issued.get("private_key")).startsWith("-----BEGIN EC PRIVATE KEY-----");
	}

	@Test
	void aLeafSignedByAnotherCaFailsTheJdkValidation() {
		this.pki.root();
		this.pki.write("roles/any", "allow_any_name", true);
		X509Certificate leaf = PkiFixture
			.certificate((String) this.pki.write("issue/any", "common_name", "x.test").data().get("certificate"));
		PkiFixture other = new PkiFixture();
		other.root();

		assertThatExceptionOfType(java.security.cert.CertPathValidatorException.class)
			.isThrownBy(() -> this.pki.validate(leaf, other.ca()));
	}

	@Test
	void ed25519RootsAndLeavesWork() throws Exception {
		this.pki.write("root/generate/internal", "common_name", "Ed Root", "key_type", "ed25519");
		this.pki.write("roles/ed", "allow_any_name", true, "key_type", "ed25519");
		Map<String, Object> issued = this.pki.write("issue/ed", "common_name", "ed.test").data();

		this.pki.validate(PkiFixture.certificate((String) issued.get("certificate")), this.pki.ca());
		assertThat((String) issued.get("private_key")).startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void theTtlIsCappedByTheRoleMaxTtlWithVaultsWarning() {
		this.pki.root();
		this.pki.write("roles/short", "allow_any_name", true, "max_ttl", "1h");

		LogicalResponse issued = this.pki.write("issue/short", "common_name", "a.test", "ttl", "2h");

		assertThat(issued.data()).containsEntry("expiration",
				PkiFixture.START.plus(Duration.ofHours(1)).getEpochSecond());
		assertThat(issued.warnings())
			.containsExactly("TTL \"2h0m0s\" is longer than permitted maxTTL \"1h0m0s\", so maxTTL is being used");
	}

	@Test
	void aTtlPastTheCaExpiryIsRefused() {
		this.pki.write("root/generate/internal", "common_name", "Short Root", "ttl", "48h");
		this.pki.write("roles/long", "allow_any_name", true);

		VaultException refused = this.pki.failure("issue/long", "common_name", "a.test", "ttl", "72h");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors().get(0)).startsWith("cannot satisfy request, as TTL would result in notAfter of ")
			.endsWith("that is beyond the expiration of the CA certificate at "
					+ PkiFixture.START.plus(Duration.ofHours(48)));
		assertThat(this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys")).asList().hasSize(1);
	}

	@Test
	void derPemBundleAndPkcs8FormatsAreServed() {
		this.pki.root();
		this.pki.write("roles/any", "allow_any_name", true);

		Map<String, Object> der = this.pki.write("issue/any", "common_name", "der.test", "format", "der").data();
		X509Certificate leaf = PkiFixture.certificate(Base64.getDecoder().decode((String) der.get("certificate")));
		assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=der.test");
		assertThat(Base64.getDecoder().decode((String) der.get("private_key"))).isNotEmpty();

		Map<String, Object> bundle = this.pki
			.write("issue/any", "common_name", "b.test", "format", "pem_bundle", "private_key_format", "pkcs8")
			.data();
		assertThat((String) bundle.get("certificate")).startsWith("-----BEGIN PRIVATE KEY-----")
			.contains("-----BEGIN CERTIFICATE-----");
		assertThat((String) bundle.get("private_key")).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat((String) this.pki.write("issue/any", "common_name", "r.test").data().get("private_key"))
			.startsWith("-----BEGIN RSA PRIVATE KEY-----");
	}

	@Test
	void badInputIsRefusedWithVaultsMessagesAndIssuesNothing() {
		assertThat(this.pki.failure("issue/none", "common_name", "a.test").errors())
			.containsExactly("unknown role: none");
		this.pki.write("roles/any", "allow_any_name", true);
		assertThat(this.pki.failure("issue/any", "common_name", "a.test").errors())
			.containsExactly("no default issuer currently configured");
		this.pki.root();
		assertThat(this.pki.failure("issue/any", "common_name", "a.test", "format", "pkcs12").errors())
			.containsExactly("the \"format\" path parameter must be \"pem\", \"der\", or \"pem_bundle\"");
		assertThat(this.pki.failure("issue/any").errors().get(0)).startsWith("the common_name field is required");
		assertThat(this.pki.failure("issue/any", "common_name", "a.test", "ttl", "soon").status()).isEqualTo(400);
		assertThat(this.pki.failure("root/generate/internal", "common_name", "R", "key_bits", 1024).errors())
			.containsExactly("unsupported bit length for RSA key: 1024");
		assertThat(this.pki.failure("root/generate/internal", "common_name", "R", "key_type", "dsa").errors())
			.containsExactly("unknown key type dsa");
		assertThat(this.pki.failure("root/generate/internal", "common_name", "R", "issuer_name", "root-ca").errors())
			.containsExactly("issuer name already in use");
		assertThat(this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys")).asList().hasSize(1);
	}

}
