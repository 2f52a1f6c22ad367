package io.coffer.secrets.auth.approle;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.identity.FromAddress;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AppRole roles, RoleIDs, SecretIDs and logins. */
class AppRoleTest {

	private final TokenFixture fixture = new TokenFixture().policy("app",
			TokenFixture.rule("secret/data/app/*", "read"));

	private final MountEntry mount = new MountEntry("auth/approle/", "approle", "", "auth_approle_1",
			UUID.randomUUID().toString(), MountEntry.MountConfig.DEFAULTS, null);

	private final AuthMethod method = new AppRoleFactory(new SecureRandom(), this.fixture.clock).create(this.mount,
			this.fixture.barrier.view("auth/" + this.mount.uuid() + "/"));

	@Test
	void rolesAreWrittenReadListedAndDeleted() {
		call(Operation.UPDATE, "role/Web",
				Map.of("token_policies", "app", "secret_id_ttl", "10m", "token_ttl", "1h", "secret_id_num_uses", 3));
		Map<String, Object> role = call(Operation.READ, "role/web", Map.of()).data();
		assertThat(role).containsEntry("bind_secret_id", true)
			.containsEntry("token_policies", List.of("app"))
			.containsEntry("secret_id_ttl", 600L)
			.containsEntry("secret_id_num_uses", 3)
			.containsEntry("token_ttl", 3600L);
		call(Operation.UPDATE, "role/web", Map.of("token_ttl", "2h"));
		assertThat(call(Operation.READ, "role/web", Map.of()).data()).containsEntry("token_ttl", 7200L)
			.containsEntry("token_policies", List.of("app"));
		assertThat(call(Operation.LIST, "role/", Map.of()).data()).containsEntry("keys", List.of("web"));
		call(Operation.DELETE, "role/web", Map.of());
		assertThatThrownBy(() -> call(Operation.READ, "role/web", Map.of()))
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(404);
	}

	@Test
	void aRoleWithoutAnyConstraintIsRefused() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/open", Map.of("bind_secret_id", false)))
			.hasMessage("at least one constraint should be enabled on the role");
	}

	@Test
	void loginGivesATokenWithTheRolesPoliciesThatTheAclEnforces() {
		String roleId = role("web", Map.of("token_policies", "app", "token_ttl", "1h"));
		String secretId = secretId("web", Map.of("metadata", "{\"team\":\"blue\"}"));
		LogicalResponse login = login(roleId, secretId);
		String token = (String) login.auth().get("client_token");
		assertThat(login.auth()).containsEntry("policies", List.of("app", "default"))
			.containsEntry("lease_duration", 3600L)
			.containsEntry("orphan", true)
			.containsEntry("renewable", true)
			.containsEntry("metadata", Map.of("team", "blue", "role_name", "web"));
		TokenEntry entry = this.fixture.entry(token);
		assertThat(entry.path()).isEqualTo("auth/approle/login");
		assertThat(entry.displayName()).isEqualTo("approle");
		assertThat(
				this.fixture.policies.check(entry.policies(), "secret/data/app/config", Operation.READ, Map.of(), false)
					.allowed())
			.isTrue();
		assertThat(this.fixture.policies.check(entry.policies(), "secret/data/other", Operation.READ, Map.of(), false)
			.allowed()).isFalse();
	}

	@Test
	void aSecretIdReplayedBeyondItsUsesIsRefused() {
		String roleId = role("web", Map.of("token_policies", "app"));
		String secretId = secretId("web", Map.of("num_uses", 2));
		login(roleId, secretId);
		login(roleId, secretId);
		assertThatThrownBy(() -> login(roleId, secretId)).isInstanceOf(VaultException.class)
			.hasMessage("invalid role or secret ID")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
	}

	@Test
	void aSecretIdStopsWorkingWhenItsTtlRunsOut() {
		String roleId = role("web", Map.of("token_policies", "app", "secret_id_ttl", "10m"));
		String secretId = secretId("web", Map.of());
		this.fixture.clock.advance(Duration.ofMinutes(10));
		assertThatThrownBy(() -> login(roleId, secretId)).hasMessage("invalid role or secret ID");
		assertThatThrownBy(() -> secretId("web", Map.of("ttl", "1h")))
			.hasMessage("ttl cannot be longer than the role's secret_id_ttl");
	}

	@Test
	void wrongCredentialsAllGetTheSameAnswer() {
		String roleId = role("web", Map.of("token_policies", "app"));
		String secretId = secretId("web", Map.of());
		assertThatThrownBy(() -> login(roleId, "wrong")).hasMessage("invalid role or secret ID");
		assertThatThrownBy(() -> login("wrong", secretId)).hasMessage("invalid role or secret ID");
		assertThatThrownBy(() -> login("", secretId)).hasMessage("invalid credentials");
		role("other", Map.of("token_policies", "app"));
		String otherSecret = secretId("other", Map.of());
		assertThatThrownBy(() -> login(roleId, otherSecret)).hasMessage("invalid role or secret ID");
	}

	@Test
	void customRoleIdsReplaceTheOldOne() {
		String old = role("web", Map.of("token_policies", "app"));
		String secretId = secretId("web", Map.of());
		call(Operation.UPDATE, "role/web/role-id", Map.of("role_id", "my-app-role-id"));
		assertThat(call(Operation.READ, "role/web/role-id", Map.of()).data()).containsEntry("role_id",
				"my-app-role-id");
		assertThat(login("my-app-role-id", secretId).auth()).containsKey("client_token");
		assertThatThrownBy(() -> login(old, secretId)).hasMessage("invalid role or secret ID");
	}

	@Test
	void secretIdsAreListedLookedUpAndDestroyedByAccessorOrValue() {
		String roleId = role("web", Map.of("token_policies", "app"));
		Map<String, Object> generated = call(Operation.UPDATE, "role/web/secret-id",
				Map.of("metadata", Map.of("host", "a")))
			.data();
		String secretId = (String) generated.get("secret_id");
		String accessor = (String) generated.get("secret_id_accessor");
		assertThat(generated).containsEntry("secret_id_ttl", 0L).containsEntry("secret_id_num_uses", 0);
		assertThat(call(Operation.LIST, "role/web/secret-id/", Map.of()).data()).containsEntry("keys",
				List.of(accessor));
		assertThat(call(Operation.UPDATE, "role/web/secret-id-accessor/lookup", Map.of("secret_id_accessor", accessor))
			.data()).containsEntry("metadata", Map.of("host", "a"))
			.containsEntry("secret_id_accessor", accessor)
			.doesNotContainValue(secretId);
		assertThat(call(Operation.UPDATE, "role/web/secret-id/lookup", Map.of("secret_id", secretId)).data())
			.containsEntry("secret_id_accessor", accessor);
		call(Operation.UPDATE, "role/web/secret-id-accessor/destroy", Map.of("secret_id_accessor", accessor));
		assertThatThrownBy(() -> login(roleId, secretId)).hasMessage("invalid role or secret ID");
		String second = secretId("web", Map.of());
		call(Operation.UPDATE, "role/web/secret-id/destroy", Map.of("secret_id", second));
		assertThatThrownBy(() -> login(roleId, second)).hasMessage("invalid role or secret ID");
	}

	@Test
	void credentialsAppearInStorageOnlyAsKeyedHashes() {
		String roleId = role("web", Map.of("token_policies", "app"));
		String secretId = secretId("web", Map.of());
		this.fixture.storage.raw()
			.keySet()
			.forEach((key) -> assertThat(key).doesNotContain(secretId).doesNotContain(roleId));
	}

	@Test
	void cidrBoundSecretIdsNeedAnAddressInsideTheBlocks() {
		String roleId = role("web", Map.of("token_policies", "app", "secret_id_bound_cidrs", "10.0.0.0/8"));
		assertThatThrownBy(() -> secretId("web", Map.of("cidr_list", "192.168.0.0/16")))
			.hasMessage("failed to verify the CIDR restrictions set on the secret ID");
		String secretId = secretId("web", Map.of("cidr_list", "10.1.0.0/16"));
		// outside an HTTP request there is no client address, so the role's blocks refuse
		assertThatThrownBy(() -> login(roleId, secretId)).hasMessageContaining("CIDR restrictions");
		assertThatThrownBy(() -> FromAddress.call("192.168.0.1", () -> login(roleId, secretId)))
			.hasMessage("source address unauthorized by CIDR restrictions on the role");
		assertThatThrownBy(() -> FromAddress.call("10.2.0.1", () -> login(roleId, secretId)))
			.hasMessage("source address unauthorized by CIDR restrictions on the secret ID");
		assertThat(FromAddress.call("10.1.0.1", () -> login(roleId, secretId)).auth()).containsKey("client_token");
	}

	@Test
	void aLoginFromOutsideTheBlocksSpendsNoUseOfTheSecretId() {
		String roleId = role("web", Map.of("token_policies", "app", "secret_id_bound_cidrs", "127.0.0.0/8"));
		String secretId = secretId("web", Map.of("cidr_list", "127.0.0.2/32", "num_uses", 1));

		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> FromAddress.call("127.0.0.3", () -> login(roleId, secretId)))
				.hasMessageContaining("CIDR restrictions on the secret ID");
		}

		assertThat(FromAddress.call("127.0.0.2", () -> login(roleId, secretId)).auth()).containsKey("client_token");
		assertThatThrownBy(() -> FromAddress.call("127.0.0.2", () -> login(roleId, secretId)))
			.hasMessage("invalid role or secret ID");
	}

	@Test
	void loginTokensAreBoundToTheRolesOrTheSecretIdsTokenBlocks() {
		String roleId = role("web", Map.of("token_policies", "app", "token_bound_cidrs", "10.0.0.0/8"));
		assertThat(call(Operation.READ, "role/web", Map.of()).data()).containsEntry("token_bound_cidrs",
				List.of("10.0.0.0/8"));
		String plain = secretId("web", Map.of());
		String narrow = secretId("web", Map.of("token_bound_cidrs", List.of("10.1.0.0/16")));
		assertThatThrownBy(() -> secretId("web", Map.of("token_bound_cidrs", "192.168.0.0/16")))
			.hasMessage("failed to verify the token CIDR restrictions set on the secret ID");

		String roleBound = (String) login(roleId, plain).auth().get("client_token");
		String secretBound = (String) login(roleId, narrow).auth().get("client_token");

		assertThat(this.fixture.entry(roleBound).boundCidrs()).containsExactly("10.0.0.0/8");
		assertThat(this.fixture.entry(secretBound).boundCidrs()).containsExactly("10.1.0.0/16");
	}

	@Test
	void fieldsCofferDoesNotImplementAreRefusedAndHostNamesAreNotBlocks() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/local", Map.of("local_secret_ids", true)))
			.hasMessageStartingWith("field \"local_secret_ids\" is not supported")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		assertThatThrownBy(() -> call(Operation.READ, "role/local", Map.of()))
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(404);
		call(Operation.UPDATE, "role/local", Map.of("local_secret_ids", false, "token_policies", "app"));
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/named", Map.of("secret_id_bound_cidrs", "localhost")))
			.hasMessageStartingWith("invalid CIDR block in \"secret_id_bound_cidrs\"");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/named", Map.of("token_bound_cidrs", "gw.example")))
			.hasMessageStartingWith("invalid CIDR block in \"token_bound_cidrs\"");
		call(Operation.UPDATE, "role/web", Map.of("token_policies", "app"));
		assertThatThrownBy(() -> secretId("web", Map.of("cidr_list", "example.com")))
			.hasMessageStartingWith("invalid CIDR block in \"cidr_list\"");
		// Unknown to Vault as well: ignored, with Vault's warning.
		assertThat(call(Operation.UPDATE, "role/web/secret-id", Map.of("colour", "blue")).warnings())
			.containsExactly("Endpoint ignored these unrecognized parameters: [colour]");
	}

	@Test
	void aRoleCanBeGivenItsRoleIdAtCreation() {
		call(Operation.UPDATE, "role/chosen", Map.of("role_id", "my-role-id", "token_policies", "app"));
		assertThat(call(Operation.READ, "role/chosen/role-id", Map.of()).data()).containsEntry("role_id", "my-role-id");
	}

	private String role(String name, Map<String, Object> data) {
		call(Operation.UPDATE, "role/" + name, data);
		return (String) call(Operation.READ, "role/" + name + "/role-id", Map.of()).data().get("role_id");
	}

	private String secretId(String role, Map<String, Object> data) {
		return (String) call(Operation.UPDATE, "role/" + role + "/secret-id", data).data().get("secret_id");
	}

	private LogicalResponse login(String roleId, String secretId) {
		LogicalRequest request = request(Operation.UPDATE, "login", Map.of("role_id", roleId, "secret_id", secretId));
		return this.fixture.issuer.login(this.method.login(request));
	}

	private LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		LogicalRequest request = request(operation, path, data);
		if (operation == Operation.UPDATE && !this.method.exists(request)) {
			request = request(Operation.CREATE, path, data);
		}
		return this.method.handle(request);
	}

	private LogicalRequest request(Operation operation, String path, Map<String, Object> data) {
		return new LogicalRequest(operation, path, data, this.mount, "req");
	}

}
