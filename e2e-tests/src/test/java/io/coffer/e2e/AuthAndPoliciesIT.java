package io.coffer.e2e;

import java.time.Duration;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.client.SimpleVaultEndpointProvider;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.Policy;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultToken;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens, policies and auth methods through the gateway with unchanged clients: Spring
 * Vault's AppRole login and session renewal, and the raw calls node-vault makes
 * ({@code PUT sys/policy/<n>}, token create with policies).
 */
class AuthAndPoliciesIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static VaultTemplate root;

	private static VaultHttp http;

	@BeforeAll
	static void setUp() {
		root = coffer.cluster().vaultTemplate();
		http = coffer.cluster().http();
		root.write("secret/data/auth-it/app/config", Map.of("data", Map.of("url", "jdbc:coffer")));
		root.write("secret/data/auth-it/other", Map.of("data", Map.of("k", "v")));
	}

	@Test
	void springVaultAppRoleLoginGetsATokenBoundByItsPolicyAndRenewsIt() {
		root.opsForSys()
			.createOrUpdatePolicy("auth-it-app",
					Policy.of(Policy.Rule.builder()
						.path("secret/data/auth-it/app/*")
						.capabilities(Policy.BuiltinCapabilities.READ)
						.build()));
		root.opsForSys().authMount("approle", VaultMount.create("approle"));
		root.write("auth/approle/role/auth-it", Map.of("token_policies", "auth-it-app", "token_ttl", "1h",
				"token_max_ttl", "4h", "secret_id_num_uses", 5));
		String roleId = (String) root.read("auth/approle/role/auth-it/role-id").getRequiredData().get("role_id");
		String secretId = (String) root.write("auth/approle/role/auth-it/secret-id", null)
			.getRequiredData()
			.get("secret_id");

		RestClient restClient = VaultClients.createRestClient(SimpleVaultEndpointProvider.of(endpoint()),
				new JdkClientHttpRequestFactory(), (builder) -> {
				});
		AppRoleAuthentication login = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId(RoleId.provided(roleId))
			.secretId(SecretId.provided(secretId))
			.build(), restClient);
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		LifecycleAwareSessionManager sessions = new LifecycleAwareSessionManager(login, scheduler, restClient);
		try {
			VaultToken token = sessions.getSessionToken();
			assertThat(token.getToken()).startsWith("hvs.");

			VaultReply granted = http.get("secret/data/auth-it/app/config", token.getToken());
			assertThat(granted.status()).isEqualTo(200);
			assertThat(granted.json().at("/data/data/url").asString()).isEqualTo("jdbc:coffer");
			assertThat(http.get("secret/data/auth-it/other", token.getToken()).status()).isEqualTo(403);
			assertThat(http.post("secret/data/auth-it/app/config", Map.of("data", Map.of("x", "y")), token.getToken())
				.status()).isEqualTo(403);

			assertThat(sessions.renewToken()).isTrue();
			assertThat(http.get("auth/token/lookup-self", token.getToken()).json().at("/data/ttl").asLong())
				.isGreaterThan(Duration.ofMinutes(50).toSeconds());
		}
		finally {
			sessions.destroy();
			scheduler.destroy();
		}
	}

	@Test
	void nodeVaultStylePolicyAndTokenCallsAreEnforcedOnTheNextRequest() {
		assertThat(http
			.put("sys/policy/auth-it-ro",
					Map.of("policy", "path \"secret/data/auth-it/app/*\" {\n  capabilities = [\"read\"]\n}\n"),
					coffer.cluster().rootToken())
			.status()).isEqualTo(204);
		VaultReply created = http.post("auth/token/create", Map.of("policies", java.util.List.of("auth-it-ro")),
				coffer.cluster().rootToken());
		assertThat(created.status()).isEqualTo(200);
		String token = created.json().at("/auth/client_token").asString();
		assertThat(created.json().at("/auth/policies").toString()).contains("auth-it-ro").contains("default");

		assertThat(http.get("secret/data/auth-it/app/config", token).status()).isEqualTo(200);
		VaultReply denied = http.put("secret/data/auth-it/app/config", Map.of("data", Map.of("a", "b")), token);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.body()).contains("permission denied");
		assertThat(http.get("sys/mounts", token).status()).isEqualTo(403);

		assertThat(http.post("auth/token/revoke-self", null, token).status()).isEqualTo(204);
		assertThat(http.get("secret/data/auth-it/app/config", token).status()).isEqualTo(403);
	}

	@Test
	void aChangedPolicyTakesEffectOnTheVeryNextRequest() {
		http.put("sys/policy/auth-it-flip",
				Map.of("policy", "path \"secret/data/auth-it/other\" { capabilities = [\"read\"] }"),
				coffer.cluster().rootToken());
		String token = http
			.post("auth/token/create", Map.of("policies", java.util.List.of("auth-it-flip")),
					coffer.cluster().rootToken())
			.json()
			.at("/auth/client_token")
			.asString();
		assertThat(http.get("secret/data/auth-it/other", token).status()).isEqualTo(200);

		http.put("sys/policy/auth-it-flip",
				Map.of("policy", "path \"secret/data/auth-it/other\" { capabilities = [\"deny\"] }"),
				coffer.cluster().rootToken());

		assertThat(http.get("secret/data/auth-it/other", token).status()).isEqualTo(403);
	}

	private static VaultEndpoint endpoint() {
		VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", coffer.cluster().gatewayUri().getPort());
		endpoint.setScheme("http");
		return endpoint;
	}

}
