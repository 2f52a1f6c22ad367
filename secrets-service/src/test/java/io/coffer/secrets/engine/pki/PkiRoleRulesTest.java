package io.coffer.secrets.engine.pki;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PkiRoleRulesTest {

	final PkiFixture pki = new PkiFixture();

	@BeforeEach
	void root() {
		this.pki.root();
	}

	@Test
	void rolesAreWrittenReadListedAndDeletedWithVaultsDefaults() {
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.pki.call(Operation.LIST, "roles/", Map.of()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));

		LogicalResponse written = this.pki.write("roles/web", "allowed_domains", "example.com,example.org", "ttl", "1h",
				"max_ttl", "2h");

		assertThat(written.data()).containsEntry("allowed_domains", List.of("example.com", "example.org"))
			.containsEntry("ttl", 3600L)
			.containsEntry("max_ttl", 7200L)
			.containsEntry("key_type", "rsa")
			.containsEntry("key_bits", 2048)
			.containsEntry("allow_localhost", true)
			.containsEntry("allow_subdomains", false)
			.containsEntry("enforce_hostnames", true)
			.containsEntry("allow_ip_sans", true)
			.containsEntry("server_flag", true)
			.containsEntry("client_flag", true)
			.containsEntry("generate_lease", false);
		this.pki.write("roles/web", "allow_subdomains", true);
		assertThat(this.pki.read("roles/web").data()).containsEntry("allow_subdomains", true)
			.containsEntry("allowed_domains", List.of("example.com", "example.org"));
		assertThat(this.pki.call(Operation.LIST, "roles/", Map.of()).data()).containsEntry("keys", List.of("web"));
		this.pki.call(Operation.DELETE, "roles/web", Map.of());
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.pki.read("roles/web"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));
	}

	@Test
	void badRoleInputIsRefusedAndChangesNothing() {
		this.pki.write("roles/web", "allowed_domains", "example.com");
		assertThat(this.pki.failure("roles/web", "key_type", "ec", "key_bits", 2048).errors())
			.containsExactly("unsupported bit length for EC key: 2048");
		assertThat(this.pki.failure("roles/web", "ttl", "3h", "max_ttl", "1h").errors())
			.containsExactly("\"ttl\" value must be less than \"max_ttl\" value");
		assertThat(this.pki.failure("roles/web", "allow_subdomains", "maybe").errors())
			.containsExactly("error converting input for field \"allow_subdomains\"");
		assertThat(this.pki.read("roles/web").data()).containsEntry("key_type", "rsa").containsEntry("ttl", 0L);
	}

	@Test
	void domainRulesAllowAndRefuseAsVaultDoes() {
		this.pki.write("roles/sub", "allowed_domains", "example.com", "allow_subdomains", true, "allow_localhost",
				false);
		assertIssued("sub", "a.example.com");
		assertIssued("sub", "deep.a.example.com");
		assertIssued("sub", "*.example.com");
		assertRefused("sub", "example.com", "common name example.com not allowed by this role");
		assertRefused("sub", "a.example.org", "common name a.example.org not allowed by this role");
		assertRefused("sub", "localhost", "common name localhost not allowed by this role");
		assertRefused("sub", "badexample.com", "common name badexample.com not allowed by this role");

		this.pki.write("roles/bare", "allowed_domains", "example.com", "allow_bare_domains", true);
		assertIssued("bare", "example.com");
		assertRefused("bare", "a.example.com", "common name a.example.com not allowed by this role");
		assertIssued("bare", "localhost");

		this.pki.write("roles/glob", "allowed_domains", "web-*.example.com", "allow_glob_domains", true);
		assertIssued("glob", "web-01.example.com");
		assertRefused("glob", "db-01.example.com", "common name db-01.example.com not allowed by this role");

		this.pki.write("roles/nowild", "allowed_domains", "example.com", "allow_subdomains", true,
				"allow_wildcard_certificates", false);
		assertRefused("nowild", "*.example.com", "common name *.example.com not allowed by this role");

		this.pki.write("roles/any", "allow_any_name", true);
		assertIssued("any", "anything.internal");
		assertRefused("any", "not a host", "common name not a host not allowed by this role");
		this.pki.write("roles/loose", "allow_any_name", true, "enforce_hostnames", false);
		assertIssued("loose", "not a host");
	}

	@Test
	void alternativeNamesAndIpSansAreCheckedToo() {
		this.pki.write("roles/sub", "allowed_domains", "example.com", "allow_subdomains", true);

		assertThat(this.pki.failure("issue/sub", "common_name", "a.example.com", "alt_names", "b.example.com,evil.com")
			.errors()).containsExactly("subject alternate name evil.com not allowed by this role");
		assertThat(this.pki.failure("issue/sub", "common_name", "a.example.com", "alt_names", "ops@evil.com").errors())
			.containsExactly("email address ops@evil.com not allowed by this role");
		assertThat(this.pki.failure("issue/sub", "common_name", "a.example.com", "ip_sans", "10.0.0.300").errors())
			.containsExactly("the value \"10.0.0.300\" is not a valid IP address");

		this.pki.write("roles/noip", "allowed_domains", "example.com", "allow_subdomains", true, "allow_ip_sans",
				false);
		assertThat(this.pki.failure("issue/noip", "common_name", "a.example.com", "ip_sans", "10.0.0.1").errors())
			.containsExactly("IP Subject Alternative Names are not allowed in this role, but was provided [10.0.0.1]");
		assertThat(this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys")).asList().hasSize(1);
	}

	@Test
	void serverAndClientFlagsSetTheExtendedKeyUsage() throws Exception {
		this.pki.write("roles/client", "allow_any_name", true, "server_flag", false);
		String pem = (String) this.pki.write("issue/client", "common_name", "svc.test").data().get("certificate");

		assertThat(PkiFixture.certificate(pem).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
	}

	private void assertIssued(String role, String cn) {
		assertThat(this.pki.write("issue/" + role, "common_name", cn).data()).containsKey("certificate");
	}

	private void assertRefused(String role, String cn, String message) {
		VaultException refused = this.pki.failure("issue/" + role, "common_name", cn);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors()).containsExactly(message);
	}

}
