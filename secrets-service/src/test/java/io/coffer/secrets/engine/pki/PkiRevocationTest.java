package io.coffer.secrets.engine.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.BinaryBody;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;

import static org.assertj.core.api.Assertions.assertThat;

class PkiRevocationTest {

	final PkiFixture pki = new PkiFixture();

	@BeforeEach
	void rootAndRole() {
		this.pki.root();
		this.pki.write("roles/any", "allow_any_name", true);
	}

	@Test
	void aRevokedSerialIsOnTheRebuiltCrlSignedByTheCa() throws Exception {
		String serial = serialOf(issue("gone.test"));
		String kept = serialOf(issue("kept.test"));
		assertThat(crl().getRevokedCertificates()).isNull();

		LogicalResponse revoked = this.pki.write("revoke", "serial_number", serial);

		assertThat(revoked.data()).containsEntry("state", "revoked")
			.containsEntry("revocation_time", PkiFixture.START.getEpochSecond());
		X509CRL crl = crl();
		crl.verify(this.pki.ca().getPublicKey());
		assertThat(crl.getRevokedCertificate(new BigInteger(serial.replace(":", ""), 16))).isNotNull();
		assertThat(crl.getRevokedCertificate(new BigInteger(kept.replace(":", ""), 16))).isNull();
		assertThat(this.pki.read("cert/" + serial).data()).containsEntry("revocation_time",
				PkiFixture.START.getEpochSecond());
		assertThat(this.pki.read("cert/" + kept.replace(':', '-')).data()).containsEntry("revocation_time", 0L);
		assertThat(this.pki.write("revoke", "serial_number", serial).data()).containsEntry("state", "revoked");
	}

	@Test
	void crlPemAndRotationRaiseTheCrlNumber() throws Exception {
		long before = crlNumber(crl());
		this.pki.read("crl/rotate");
		X509CRL rotated = PkiFixture.crl(body(this.pki.read("crl/pem")));

		assertThat(crlNumber(rotated)).isEqualTo(before + 1);
		assertThat(this.pki.read("crl/pem").body().contentType()).isEqualTo("application/x-pem-file");
	}

	@Test
	void revokingTheIssuerAnUnknownOrABadSerialIsRefused() {
		String caSerial = (String) this.pki.read("cert/ca").data().get("certificate");
		String ca = Serials.format(PkiFixture.certificate(caSerial).getSerialNumber());

		assertThat(this.pki.failure("revoke", "serial_number", ca).errors().get(0)).startsWith("adding issuer (id: ")
			.endsWith(") to its own CRL is not allowed");
		assertThat(this.pki.failure("revoke", "serial_number", "01:02").errors())
			.containsExactly("certificate with serial 01:02 not found.");
		assertThat(this.pki.failure("revoke", "serial_number", "zz").status()).isEqualTo(400);
		assertThat(this.pki.failure("revoke").errors()).containsExactly("The serial number must be provided");
	}

	@Test
	void issuedCertificatesAreListedAndReadableUnlessNoStore() {
		String serial = serialOf(issue("listed.test"));
		this.pki.write("roles/ephemeral", "allow_any_name", true, "no_store", true);
		String unstored = serialOf(this.pki.write("issue/ephemeral", "common_name", "e.test").data());

		List<Object> keys = (List<Object>) this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys");
		assertThat(keys).contains(serial).doesNotContain(unstored).hasSize(2);
		assertThat(PkiFixture.certificate((String) this.pki.read("cert/" + serial).data().get("certificate"))
			.getSubjectX500Principal()
			.getName()).isEqualTo("CN=listed.test");
	}

	@Test
	void rawCaAndCrlBodiesAreDerOrPem() {
		LogicalResponse der = this.pki.read("ca");
		assertThat(der.body().contentType()).isEqualTo("application/pkix-cert");
		assertThat(PkiFixture.certificate(body(der))).isEqualTo(this.pki.ca());
		LogicalResponse pem = this.pki.read("ca/pem");
		assertThat(new String(body(pem), StandardCharsets.UTF_8)).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(this.pki.read("crl").body().contentType()).isEqualTo("application/pkix-crl");
		assertThat(new PkiFixture().read("ca").isEmpty()).isTrue();
	}

	@Test
	void configuredUrlsAreEmbeddedInIssuedCertificates() throws Exception {
		this.pki.write("config/urls", "issuing_certificates", "https://vault.test/v1/pki/ca", "crl_distribution_points",
				List.of("https://vault.test/v1/pki/crl"));
		assertThat(this.pki.read("config/urls").data()).containsEntry("issuing_certificates",
				List.of("https://vault.test/v1/pki/ca"));

		X509Certificate leaf = PkiFixture.certificate((String) issue("urls.test").get("certificate"));

		AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
				ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
		AccessDescription issuers = aia.getAccessDescriptions()[0];
		assertThat(issuers.getAccessMethod()).isEqualTo(AccessDescription.id_ad_caIssuers);
		assertThat(issuers.getAccessLocation().getName().toString()).isEqualTo("https://vault.test/v1/pki/ca");
		CRLDistPoint points = CRLDistPoint
			.getInstance(ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.cRLDistributionPoints.getId()))
				.getOctets());
		GeneralNames names = (GeneralNames) points.getDistributionPoints()[0].getDistributionPoint().getName();
		assertThat(names.getNames()[0].getName().toString()).isEqualTo("https://vault.test/v1/pki/crl");
		assertThat(this.pki.failure("config/urls", "issuing_certificates", "not a url").status()).isEqualTo(400);
	}

	@Test
	void aLeasedCertificateIsRevokedWhenItsLeaseIs() {
		LogicalResponse role = this.pki.write("roles/leased", "allow_any_name", true, "generate_lease", true);
		assertThat(role.warnings()).hasSize(1);
		LogicalResponse issued = this.pki.write("issue/leased", "common_name", "l.test", "ttl", "1h");
		LeasedSecret secret = issued.secret();

		assertThat(secret.ttlSeconds()).isEqualTo(Duration.ofHours(1).toSeconds());
		assertThat(secret.renewable()).isFalse();
		this.pki.engine.revokeSecret(secret.internalData());

		assertThat(this.pki.read("cert/" + serialOf(issued.data())).data()).containsEntry("revocation_time",
				PkiFixture.START.getEpochSecond());
		assertThat(issue("plain.test")).isNotNull();
		assertThat(this.pki.write("issue/any", "common_name", "p.test").secret()).isNull();
	}

	@Test
	void keysAndCertificatesAreEncryptedInStorage() {
		Map<String, Object> exported = this.pki
			.write("root/generate/exported", "common_name", "Second", "format", "der")
			.data();
		byte[] key = Base64.getDecoder().decode((String) exported.get("private_key"));
		byte[] certificate = Base64.getDecoder().decode((String) exported.get("certificate"));

		assertThat(this.pki.storage.raw().values()).noneMatch((value) -> contains(value, key))
			.noneMatch((value) -> contains(value, certificate));
	}

	private Map<String, Object> issue(String cn) {
		return this.pki.write("issue/any", "common_name", cn).data();
	}

	private X509CRL crl() {
		return PkiFixture.crl(body(this.pki.read("crl")));
	}

	private static String serialOf(Map<String, Object> issued) {
		return (String) issued.get("serial_number");
	}

	private static long crlNumber(X509CRL crl) {
		return ASN1Integer
			.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets())
			.longValueExact();
	}

	private static byte[] body(LogicalResponse response) {
		try (BinaryBody body = response.body()) {
			return body.content().readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
