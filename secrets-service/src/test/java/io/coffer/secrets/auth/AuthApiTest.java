package io.coffer.secrets.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;

import io.coffer.secrets.auth.jwt.TestIdentityProvider;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.secrets.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens, ACL enforcement and auth method logins over real HTTP on an unsealed node. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.auth.userpass.bcrypt-cost=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthApiTest {

	private static final String WEB_POLICY = """
			path "secret/data/web/*" {
			  capabilities = ["read", "create", "update"]
			}
			""";

	@LocalServerPort
	int port;

	NodeClient root;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void initUnsealAndMountKv() {
		this.root = client(null);
		NodeClient.Response init = this.root.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1));
		String key = ((List<String>) init.json().get("keys")).get(0);
		this.root.call("PUT", "sys/unseal", Map.of("key", key));
		this.root.token((String) init.json().get("root_token"));
		assertThat(this.root.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		assertThat(this.root.call("PUT", "sys/policy/web", Map.of("policy", WEB_POLICY)).status()).isEqualTo(204);
		this.root.call("POST", "secret/data/web/app", Map.of("data", Map.of("k", "web")));
		this.root.call("POST", "secret/data/ops/db", Map.of("data", Map.of("k", "ops")));
	}

	@Test
	void aTokenReachesWhatItsPolicyGrantsAndNothingElse() {
		NodeClient.Response created = this.root.call("POST", "auth/token/create",
				Map.of("policies", List.of("web"), "ttl", "1h"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json()).containsEntry("data", null).containsKey("auth");
		NodeClient web = client(auth(created).get("client_token").toString());
		assertThat(web.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		NodeClient.Response denied = web.call("GET", "secret/data/ops/db", null);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json()).isEqualTo(Map.of("errors", List.of("permission denied")));
		assertThat(web.call("GET", "sys/mounts", null).status()).isEqualTo(403);
		NodeClient.Response self = web.call("GET", "auth/token/lookup-self", null);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data()).containsEntry("policies", List.of("default", "web")).containsEntry("renewable", true);
		assertThat(web.call("POST", "auth/token/renew-self", Map.of()).status()).isEqualTo(200);
	}

	@Test
	void aRevokedTokenIsRefusedOnItsNextRequest() {
		NodeClient web = client(token(this.root.call("POST", "auth/token/create", Map.of("policies", "web"))));
		assertThat(web.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(web.call("POST", "auth/token/revoke-self", null).status()).isEqualTo(204);
		assertThat(web.call("GET", "secret/data/web/app", null).status()).isEqualTo(403);
	}

	@Test
	void aUseLimitedTokenServesExactlyItsUses() {
		NodeClient limited = client(
				token(this.root.call("POST", "auth/token/create", Map.of("policies", "web", "num_uses", 2))));
		assertThat(limited.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(limited.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(limited.call("GET", "secret/data/web/app", null).status()).isEqualTo(403);
	}

	@Test
	void theAuthTableAlwaysListsTokenAndEnablingNeedsSudo() {
		NodeClient.Response table = this.root.call("GET", "sys/auth", null);
		assertThat(table.status()).isEqualTo(200);
		assertThat(table.data()).containsKey("token/");
		assertThat(table.json()).containsKey("token/");
		NodeClient web = client(token(this.root.call("POST", "auth/token/create", Map.of("policies", "web"))));
		assertThat(web.call("POST", "sys/auth/sneaky", Map.of("type", "userpass")).status()).isEqualTo(403);
		assertThat(this.root.call("POST", "sys/auth/bad", Map.of("type", "nope")).status()).isEqualTo(400);
		assertThat(this.root.call("POST", "sys/auth/token", Map.of("type", "userpass")).status()).isEqualTo(400);
	}

	@Test
	@SuppressWarnings("unchecked")
	void appRoleLoginGivesAWorkingTokenAndASecretIdCannotBeReplayed() {
		assertThat(this.root.call("POST", "sys/auth/approle", Map.of("type", "approle")).status()).isEqualTo(204);
		assertThat(((Map<String, Object>) this.root.call("GET", "sys/auth", null).data().get("approle/")))
			.containsEntry("type", "approle");
		assertThat(this.root
			.call("POST", "auth/approle/role/web",
					Map.of("token_policies", "web", "secret_id_num_uses", 1, "token_ttl", "20m"))
			.status()).isEqualTo(204);
		String roleId = (String) this.root.call("GET", "auth/approle/role/web/role-id", null).data().get("role_id");
		String secretId = (String) this.root.call("POST", "auth/approle/role/web/secret-id", Map.of())
			.data()
			.get("secret_id");
		NodeClient anonymous = client(null);
		NodeClient.Response login = anonymous.call("POST", "auth/approle/login",
				Map.of("role_id", roleId, "secret_id", secretId));
		assertThat(login.status()).isEqualTo(200);
		assertThat(auth(login)).containsEntry("lease_duration", 1200)
			.containsEntry("policies", List.of("default", "web"));
		NodeClient app = client(auth(login).get("client_token").toString());
		assertThat(app.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(app.call("GET", "secret/data/ops/db", null).status()).isEqualTo(403);
		assertThat(app.call("GET", "auth/approle/role/web/role-id", null).status()).isEqualTo(403);
		NodeClient.Response replay = anonymous.call("POST", "auth/approle/login",
				Map.of("role_id", roleId, "secret_id", secretId));
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.json()).isEqualTo(Map.of("errors", List.of("invalid role or secret ID")));
		assertThat(anonymous.call("GET", "auth/approle/login", null).status()).isEqualTo(405);
		assertThat(anonymous.call("GET", "auth/approle/role/web", null).status()).isEqualTo(403);
	}

	@Test
	void userpassLoginWorksAndAWrongPasswordIs400() {
		assertThat(
				this.root.call("POST", "sys/auth/people", Map.of("type", "userpass", "description", "humans")).status())
			.isEqualTo(204);
		assertThat(this.root.call("POST", "auth/people/users/alice", Map.of("password", "pw", "token_policies", "web"))
			.status()).isEqualTo(204);
		NodeClient anonymous = client(null);
		NodeClient.Response login = anonymous.call("POST", "auth/people/login/alice", Map.of("password", "pw"));
		assertThat(login.status()).isEqualTo(200);
		NodeClient alice = client(auth(login).get("client_token").toString());
		assertThat(alice.call("GET", "auth/token/lookup-self", null).data()).containsEntry("display_name",
				"people-alice");
		NodeClient.Response wrong = anonymous.call("POST", "auth/people/login/alice", Map.of("password", "nope"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json()).isEqualTo(Map.of("errors", List.of("invalid username or password")));
		assertThat(this.root.call("GET", "sys/auth/people/tune", null).data()).containsEntry("description", "humans")
			.containsEntry("default_lease_ttl", 2764800);
		assertThat(this.root.call("DELETE", "sys/auth/people", null).status()).isEqualTo(204);
		assertThat(alice.call("GET", "auth/token/lookup-self", null).status()).isEqualTo(403);
		// with the method gone it is no login path any more: no token, no entry
		assertThat(anonymous.call("POST", "auth/people/login/alice", Map.of("password", "pw")).status()).isEqualTo(403);
	}

	@Test
	@SuppressWarnings("unchecked")
	void fiveBadPasswordsLockAUserUntilUnlockedThroughSysLockedUsers() {
		assertThat(this.root.call("POST", "sys/auth/lockme", Map.of("type", "userpass")).status()).isEqualTo(204);
		String accessor = (String) ((Map<String, Object>) this.root.call("GET", "sys/auth", null).data().get("lockme/"))
			.get("accessor");
		assertThat(this.root.call("POST", "auth/lockme/users/alice", Map.of("password", "right")).status())
			.isEqualTo(204);
		NodeClient anonymous = client(null);
		for (int i = 0; i < 5; i++) {
			NodeClient.Response bad = anonymous.call("POST", "auth/lockme/login/alice", Map.of("password", "wrong"));
			assertThat(bad.status()).isEqualTo(400);
			assertThat(bad.json()).isEqualTo(Map.of("errors", List.of("invalid username or password")));
		}

		NodeClient.Response locked = anonymous.call("POST", "auth/lockme/login/alice", Map.of("password", "right"));

		assertThat(locked.status()).isEqualTo(403);
		assertThat(locked.json()).isEqualTo(Map.of("errors", List.of("permission denied")));
		Map<String, Object> listed = this.root.call("GET", "sys/locked-users?mount_accessor=" + accessor, null).data();
		assertThat(listed).containsEntry("total", 1);
		assertThat((List<Map<String, Object>>) listed.get("by_namespace")).singleElement()
			.satisfies((ns) -> assertThat(ns).containsEntry("namespace_id", "root")
				.containsEntry("counts", 1)
				.containsEntry("mount_accessors", List
					.of(Map.of("mount_accessor", accessor, "counts", 1, "alias_identifiers", List.of("alice")))));
		assertThat(this.root.call("POST", "sys/locked-users/" + accessor + "/unlock/alice", null).status())
			.isEqualTo(204);
		assertThat(this.root.call("GET", "sys/locked-users?mount_accessor=" + accessor, null).data())
			.containsEntry("total", 0);
		assertThat(anonymous.call("POST", "auth/lockme/login/alice", Map.of("password", "right")).status())
			.isEqualTo(200);
	}

	@Test
	@SuppressWarnings("unchecked")
	void lockoutIsTunedPerAuthMountAndRefusedWhereNotImplemented() {
		assertThat(this.root.call("POST", "sys/auth/tuned", Map.of("type", "userpass")).status()).isEqualTo(204);
		this.root.call("POST", "auth/tuned/users/bob", Map.of("password", "right"));
		assertThat(this.root
			.call("POST", "sys/auth/tuned/tune",
					Map.of("user_lockout_config", Map.of("lockout_threshold", 2, "lockout_duration", "1h")))
			.status()).isEqualTo(204);
		assertThat((Map<String, Object>) this.root.call("GET", "sys/auth/tuned/tune", null)
			.data()
			.get("user_lockout_config")).containsEntry("lockout_threshold", 2)
			.containsEntry("lockout_duration", 3600)
			.containsEntry("lockout_counter_reset_duration", 900)
			.containsEntry("lockout_disable", false);
		NodeClient anonymous = client(null);
		anonymous.call("POST", "auth/tuned/login/bob", Map.of("password", "wrong"));
		anonymous.call("POST", "auth/tuned/login/bob", Map.of("password", "wrong"));
		assertThat(anonymous.call("POST", "auth/tuned/login/bob", Map.of("password", "right")).status()).isEqualTo(403);

		NodeClient.Response overflow = this.root.call("POST", "sys/auth/tuned/tune",
				Map.of("user_lockout_config", Map.of("lockout_threshold", 4294967296L)));
		assertThat(overflow.status()).isEqualTo(400);
		assertThat(overflow.body()).contains("lockout_threshold");
		assertThat(this.root.call("POST", "sys/auth/approle-lock", Map.of("type", "approle")).status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "sys/auth/approle-lock/tune", Map.of("user_lockout_config", Map.of("lockout_threshold", 3)))
			.status()).isEqualTo(400);
	}

	@Test
	void jwtLoginOverHttpGivesATokenWithTheRolesPoliciesAndRefusesABadJwtWithVaultsEnvelope() throws Exception {
		RSAKey key = TestIdentityProvider.rsaKey("k1");
		assertThat(this.root.call("POST", "sys/auth/jwt", Map.of("type", "jwt")).status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "auth/jwt/config", Map.of("jwt_validation_pubkeys",
					List.of(TestIdentityProvider.pem(key.toRSAPublicKey())), "bound_issuer", "https://ci.example"))
			.status()).isEqualTo(204);
		assertThat(this.root.call("POST", "auth/jwt/role/ci",
				Map.of("role_type", "jwt", "bound_audiences", "coffer", "user_claim", "sub", "bound_claims_type",
						"glob", "bound_claims", Map.of("repository", "acme/*"), "token_policies", "web", "token_ttl",
						"15m"))
			.status()).isEqualTo(204);
		NodeClient anonymous = client(null);
		String jwt = TestIdentityProvider.sign(key, Instant.now(),
				(claims) -> claims.issuer("https://ci.example")
					.audience("coffer")
					.subject("repo:acme/app")
					.claim("repository", "acme/app"));

		NodeClient.Response login = anonymous.call("POST", "auth/jwt/login", Map.of("role", "ci", "jwt", jwt));

		assertThat(login.status()).isEqualTo(200);
		assertThat(auth(login)).containsEntry("lease_duration", 900)
			.containsEntry("policies", List.of("default", "web"))
			.containsEntry("metadata", Map.of("role", "ci"));
		NodeClient ci = client(token(login));
		assertThat(ci.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(ci.call("GET", "secret/data/ops/db", null).status()).isEqualTo(403);
		assertThat(ci.call("GET", "auth/token/lookup-self", null).data()).containsEntry("display_name",
				"jwt-repo:acme/app");
		String other = TestIdentityProvider.sign(key, Instant.now(),
				(claims) -> claims.issuer("https://ci.example")
					.audience("coffer")
					.subject("repo:evil/app")
					.claim("repository", "evil/app"));
		NodeClient.Response refused = anonymous.call("POST", "auth/jwt/login", Map.of("role", "ci", "jwt", other));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List
			.of("error validating claims: claim \"repository\" does not match any associated bound claim values")));
		assertThat(this.root.call("POST", "auth/jwt/oidc/auth_url", Map.of("role", "ci")).status()).isEqualTo(404);
		assertThat(anonymous.call("GET", "auth/jwt/role/ci", null).status()).isEqualTo(403);
	}

	@Test
	void aBatchTokenReadsWhatItsPolicyGrantsButIsNeitherRenewedNorGivenACubbyhole() {
		NodeClient.Response created = this.root.call("POST", "auth/token/create",
				Map.of("type", "batch", "policies", List.of("web"), "ttl", "1h"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(auth(created)).containsEntry("token_type", "batch").containsEntry("accessor", "");
		NodeClient batch = client(token(created));
		assertThat(token(created)).startsWith("hvb.");
		assertThat(batch.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(batch.call("GET", "secret/data/ops/db", null).status()).isEqualTo(403);
		assertThat(batch.call("GET", "auth/token/lookup-self", null).data()).containsEntry("type", "batch")
			.containsEntry("renewable", false)
			.containsEntry("accessor", "")
			.containsEntry("policies", List.of("default", "web"));
		NodeClient.Response renew = batch.call("POST", "auth/token/renew-self", Map.of());
		assertThat(renew.status()).isEqualTo(400);
		assertThat(renew.json()).isEqualTo(Map.of("errors", List.of("batch tokens cannot be renewed")));
		NodeClient.Response cubbyhole = batch.call("POST", "cubbyhole/note", Map.of("k", "v"));
		assertThat(cubbyhole.status()).isEqualTo(400);
		assertThat(cubbyhole.json())
			.isEqualTo(Map.of("errors", List.of("cubbyhole operations are only supported by \"service\" type tokens")));
		assertThat(this.root.call("POST", "auth/token/revoke", Map.of("token", token(created))).status())
			.isEqualTo(400);
		assertThat(batch.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
	}

	@Test
	void loginsIssueBatchTokensWhereTheMountOrTheRoleSaysSo() {
		assertThat(this.root.call("POST", "sys/auth/crowd", Map.of("type", "userpass")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "auth/crowd/users/bob", Map.of("password", "pw", "token_policies", "web"))
			.status()).isEqualTo(204);
		NodeClient anonymous = client(null);
		assertThat(token(anonymous.call("POST", "auth/crowd/login/bob", Map.of("password", "pw")))).startsWith("hvs.");
		assertThat(this.root.call("POST", "sys/mounts/auth/crowd/tune", Map.of("token_type", "batch")).status())
			.isEqualTo(204);
		assertThat(this.root.call("GET", "sys/auth/crowd/tune", null).data()).containsEntry("token_type", "batch");
		NodeClient.Response login = anonymous.call("POST", "auth/crowd/login/bob", Map.of("password", "pw"));
		assertThat(login.status()).isEqualTo(200);
		assertThat(auth(login)).containsEntry("token_type", "batch").containsEntry("renewable", false);
		NodeClient bob = client(token(login));
		assertThat(token(login)).startsWith("hvb.");
		assertThat(bob.call("GET", "secret/data/web/app", null).status()).isEqualTo(200);
		assertThat(bob.call("GET", "auth/token/lookup-self", null).data()).containsEntry("type", "batch")
			.containsEntry("path", "auth/crowd/login/bob")
			.containsEntry("display_name", "crowd-bob");
		assertThat(this.root.call("POST", "sys/auth/crowd/tune", Map.of("token_type", "bulk")).status()).isEqualTo(400);
		assertThat(this.root.call("POST", "sys/mounts/secret/tune", Map.of("token_type", "batch")).status())
			.isEqualTo(400);

		assertThat(this.root
			.call("POST", "sys/auth/apps", Map.of("type", "approle", "config", Map.of("token_type", "default-batch")))
			.status()).isEqualTo(204);
		assertThat(this.root.call("GET", "sys/auth/apps", null).data()).extractingByKey("config")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("token_type", "default-batch");
		NodeClient.Response periodic = this.root.call("POST", "auth/apps/role/bulk",
				Map.of("token_type", "batch", "token_period", "1h"));
		assertThat(periodic.status()).isEqualTo(400);
		assertThat(this.root.call("POST", "auth/apps/role/bulk", Map.of("token_policies", "web")).status())
			.isEqualTo(204);
		assertThat(appRoleLogin(anonymous, "bulk")).startsWith("hvb.");
		assertThat(this.root.call("POST", "auth/apps/role/bulk", Map.of("token_type", "service")).status())
			.isEqualTo(204);
		assertThat(this.root.call("GET", "auth/apps/role/bulk", null).data()).containsEntry("token_type", "service");
		assertThat(appRoleLogin(anonymous, "bulk")).startsWith("hvs.");
	}

	private String appRoleLogin(NodeClient anonymous, String role) {
		String roleId = (String) this.root.call("GET", "auth/apps/role/" + role + "/role-id", null)
			.data()
			.get("role_id");
		String secretId = (String) this.root.call("POST", "auth/apps/role/" + role + "/secret-id", Map.of())
			.data()
			.get("secret_id");
		return token(anonymous.call("POST", "auth/apps/login", Map.of("role_id", roleId, "secret_id", secretId)));
	}

	private NodeClient client(String token) {
		return new NodeClient("http://127.0.0.1:" + this.port).token(token);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> auth(NodeClient.Response response) {
		return (Map<String, Object>) response.json().get("auth");
	}

	private static String token(NodeClient.Response response) {
		return auth(response).get("client_token").toString();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemoryStorageConfiguration {

		@Bean
		@Primary
		Storage testStorage() {
			return new InMemoryStorage();
		}

		@Bean
		@Primary
		HaCluster testHa() {
			return new FakeHaCluster();
		}

	}

}
