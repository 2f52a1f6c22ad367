package io.coffer.secrets.engine.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.coffer.secrets.http.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code pki} mount over real HTTP on an unsealed node without lease-service: the CA
 * and CRL are served without a token (and to a token whose policies do not name the
 * mount), everything else needs one, and a certificate whose lease cannot be registered
 * is revoked at once.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PkiApiTest {

	@LocalServerPort
	int port;

	NodeClient root;

	NodeClient anonymous;

	String serial;

	@BeforeAll
	void mountRootAndIssue() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		this.anonymous = new NodeClient(this.root.base());
		assertThat(this.root
			.call("POST", "sys/mounts/pki", Map.of("type", "pki", "config", Map.of("max_lease_ttl", "87600h")))
			.status()).isEqualTo(204);
		assertThat(
				this.root.call("POST", "pki/root/generate/internal", Map.of("common_name", "Api Root", "ttl", "8760h"))
					.status())
			.isEqualTo(200);
		assertThat(this.root
			.call("POST", "pki/roles/web", Map.of("allowed_domains", "example.com", "allow_subdomains", true))
			.status()).isEqualTo(200);
		NodeClient.Response issued = this.root.call("POST", "pki/issue/web", Map.of("common_name", "a.example.com"));
		assertThat(issued.status()).isEqualTo(200);
		this.serial = (String) issued.data().get("serial_number");
	}

	@Test
	void theCaAndCrlAreServedWithoutATokenAsRawBodies(@TempDir Path dir) throws Exception {
		NodeClient.Download ca = this.anonymous.download("pki/ca", dir.resolve("ca.der"));
		assertThat(ca.status()).isEqualTo(200);
		assertThat(ca.header("Content-Type")).isEqualTo("application/pkix-cert");
		assertThat(PkiFixture.certificate(Files.readAllBytes(ca.file())).getSubjectX500Principal().getName())
			.isEqualTo("CN=Api Root");

		NodeClient.Response pem = this.anonymous.call("GET", "pki/ca/pem", null);
		assertThat(pem.status()).isEqualTo(200);
		assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(this.anonymous.call("GET", "pki/ca_chain", null).body()).isEqualTo(pem.body());

		NodeClient.Download crl = this.anonymous.download("pki/crl", dir.resolve("crl.der"));
		assertThat(crl.header("Content-Type")).isEqualTo("application/pkix-crl");
		assertThat(PkiFixture.crl(Files.readAllBytes(crl.file())).getIssuerX500Principal().getName())
			.isEqualTo("CN=Api Root");
		assertThat(this.anonymous.call("GET", "pki/crl/pem", null).body()).startsWith("-----BEGIN X509 CRL-----");

		NodeClient.Response cert = this.anonymous.call("GET", "pki/cert/" + this.serial, null);
		assertThat(cert.status()).isEqualTo(200);
		assertThat(cert.data()).containsEntry("revocation_time", 0);
	}

	@Test
	void everythingElseNeedsAToken() {
		assertThat(this.anonymous.call("LIST", "pki/certs", null).status()).isEqualTo(403);
		assertThat(this.anonymous.call("POST", "pki/issue/web", Map.of("common_name", "b.example.com")).status())
			.isEqualTo(403);
		assertThat(this.anonymous.call("GET", "pki/roles/web", null).status()).isEqualTo(403);
		assertThat(this.anonymous.call("GET", "pki/crl/rotate", null).status()).isEqualTo(403);
		assertThat(this.root.call("LIST", "pki/certs", null).data().get("keys")).asList().contains(this.serial);

		String limited = (String) ((Map<?, ?>) this.root
			.call("POST", "auth/token/create", Map.of("policies", "default"))
			.json()
			.get("auth")).get("client_token");
		NodeClient defaultOnly = new NodeClient(this.root.base()).token(limited);
		assertThat(defaultOnly.call("GET", "pki/ca/pem", null).status()).isEqualTo(200);
		assertThat(defaultOnly.call("POST", "pki/issue/web", Map.of("common_name", "c.example.com")).status())
			.isEqualTo(403);
	}

	@Test
	void aForbiddenNameIsA400NamingIt() {
		NodeClient.Response refused = this.root.call("POST", "pki/issue/web", Map.of("common_name", "evil.org"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json())
			.isEqualTo(Map.of("errors", List.of("common name evil.org not allowed by this role")));
	}

	@Test
	void aCertificateWhoseLeaseCannotBeRegisteredIsRevokedAtOnce(@TempDir Path dir) throws Exception {
		this.root.call("POST", "pki/roles/leased",
				Map.of("allowed_domains", "example.com", "allow_subdomains", true, "generate_lease", true));

		NodeClient.Response issued = this.root.call("POST", "pki/issue/leased", Map.of("common_name", "l.example.com"));

		assertThat(issued.status()).isEqualTo(500);
		assertThat(issued.json())
			.isEqualTo(Map.of("errors", List.of("failed to register lease: no lease-service is configured")));
		X509CRL crl = PkiFixture.crl(Files.readAllBytes(this.anonymous.download("pki/crl", dir.resolve("c")).file()));
		assertThat(crl.getRevokedCertificates()).hasSize(1);
		assertThat(crl.getRevokedCertificate(new BigInteger(this.serial.replace(":", ""), 16))).isNull();
	}

}
