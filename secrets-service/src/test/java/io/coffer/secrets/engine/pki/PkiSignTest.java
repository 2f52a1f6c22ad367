package io.coffer.secrets.engine.pki;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.Operation;

import static org.assertj.core.api.Assertions.assertThat;

class PkiSignTest {

	final PkiFixture pki = new PkiFixture();

	@BeforeEach
	void rootAndRole() {
		this.pki.root();
		this.pki.write("roles/web", "allowed_domains", "example.com", "allow_subdomains", true, "key_type", "ec");
	}

	@Test
	void aCsrIsSignedWithItsOwnKeyAndNames() throws Exception {
		KeyPair keys = PkiFixture.ecKeys();

		Map<String, Object> signed = this.pki
			.write("sign/web", "csr", PkiFixture.csr(keys, "app.example.com", "alt.example.com"))
			.data();

		X509Certificate certificate = PkiFixture.certificate((String) signed.get("certificate"));
		this.pki.validate(certificate, this.pki.ca());
		assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=app.example.com");
		assertThat(certificate.getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.containsExactlyInAnyOrder((Object) "app.example.com", "alt.example.com");
		assertThat(signed).doesNotContainKey("private_key").containsKeys("issuing_ca", "ca_chain", "serial_number");
	}

	@Test
	void aCsrAskingForAForbiddenNameIsRefusedNamingIt() {
		KeyPair keys = PkiFixture.ecKeys();

		assertThat(this.pki.failure("sign/web", "csr", PkiFixture.csr(keys, "evil.org")).errors())
			.containsExactly("common name evil.org not allowed by this role");
		assertThat(this.pki.failure("sign/web", "csr", PkiFixture.csr(keys, "ok.example.com", "evil.org")).errors())
			.containsExactly("subject alternate name evil.org not allowed by this role");
		assertThat(this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys")).asList().hasSize(1);
	}

	@Test
	void theCsrKeyMustMatchTheRole() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);

		assertThat(this.pki.failure("sign/web", "csr", PkiFixture.csr(rsa.generateKeyPair(), "a.example.com")).errors())
			.containsExactly("role requires keys of type ec");
		this.pki.write("roles/big", "allow_any_name", true, "key_type", "ec", "key_bits", 384);
		assertThat(this.pki.failure("sign/big", "csr", PkiFixture.csr(PkiFixture.ecKeys(), "a.test")).errors())
			.containsExactly("role requires a minimum of a 384-bit key, but CSR's key is 256 bits");
		this.pki.write("roles/any", "allow_any_name", true, "key_type", "any");
		assertThat(this.pki.write("sign/any", "csr", PkiFixture.csr(rsa.generateKeyPair(), "a.test")).data())
			.containsKey("certificate");
		assertThat(this.pki.failure("issue/any", "common_name", "a.test").errors())
			.containsExactly("role key type \"any\" not allowed for issuing certificates, only signing");
	}

	@Test
	void aMalformedOrMissingCsrIsA400() {
		assertThat(this.pki.failure("sign/web", "csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n").errors())
			.containsExactly("certificate request could not be parsed");
		assertThat(this.pki.failure("sign/web", "csr", "not pem").errors())
			.containsExactly("certificate request could not be parsed");
		assertThat(this.pki.failure("sign/web").errors()).containsExactly("\"csr\" is empty");
	}

}
