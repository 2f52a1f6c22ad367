package io.coffer.secrets.policy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.sys.SystemBackend;
import io.coffer.secrets.token.TokenStore;
import org.junit.jupiter.api.Test;

import static io.coffer.secrets.policy.PolicyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sys/policy, sys/policies/acl and sys/capabilities endpoints, called directly. */
class PolicyEndpointsTest {

	private static final String SPRING_VAULT_JSON = "{\"path\":{\"secret/*\":{\"capabilities\":[\"read\",\"list\"],"
			+ "\"min_wrapping_ttl\":\"10s\"},\"transit/encrypt/app\":{\"capabilities\":[\"update\"]}}}";

	private final PolicyFixture fixture = new PolicyFixture();

	private final PolicyEndpoint policies = new PolicyEndpoint(this.fixture.store);

	private final TokenStore tokens = new TokenStore(this.fixture.barrier, new SecureRandom(), Clock.systemUTC());

	private final CapabilitiesEndpoint capabilities = new CapabilitiesEndpoint(this.fixture.service,
			this.tokens::lookup);

	private final Caller devCaller = new Caller("hvs.dev",
			new TokenEntry("acc", List.of("default", "dev"), "auth/token/create", "token", 0, 0, 0, false, Map.of()));

	@Test
	void legacyListHasKeysAndPoliciesCopiedToTheTopLevel() {
		this.fixture.policy("dev", path("x", "read"));
		for (String path : List.of("policy", "policy/")) {
			for (Operation operation : List.of(Operation.READ, Operation.LIST)) {
				LogicalResponse response = call(this.policies, operation, path, Map.of());
				assertThat(response.data()).containsEntry("keys", List.of("default", "dev", "root"))
					.containsEntry("policies", List.of("default", "dev", "root"));
				assertThat(response.topLevelCopy()).isTrue();
			}
		}
	}

	@Test
	void newListAnswersOnlyListWithKeys() {
		LogicalResponse response = call(this.policies, Operation.LIST, "policies/acl/", Map.of());
		assertThat(response.data()).containsOnlyKeys("keys");
		assertThat(response.topLevelCopy()).isFalse();
		assertThatThrownBy(() -> call(this.policies, Operation.READ, "policies/acl", Map.of()))
			.isInstanceOf(VaultException.class)
			.satisfies((ex) -> assertThat(((VaultException) ex).status()).isEqualTo(405));
	}

	@Test
	void legacyReadReturnsRulesAndNewReadReturnsPolicy() {
		call(this.policies, Operation.UPDATE, "policy/Dev", Map.of("policy", path("secret/*", "read")));
		assertThat(call(this.policies, Operation.READ, "policy/dev", Map.of()).data())
			.isEqualTo(Map.of("name", "dev", "rules", path("secret/*", "read")));
		LogicalResponse modern = call(this.policies, Operation.READ, "policies/acl/DEV", Map.of());
		assertThat(modern.data()).isEqualTo(Map.of("name", "dev", "policy", path("secret/*", "read")));
		assertThat(modern.topLevelCopy()).isFalse();
		assertThat(call(this.policies, Operation.READ, "policy/root", Map.of()).data()).containsEntry("rules", "");
	}

	@Test
	void writingWithPolicyIs204AndWithRulesIs200WithAWarning() {
		LogicalResponse modern = call(this.policies, Operation.CREATE, "policies/acl/a",
				Map.of("policy", path("x", "read")));
		assertThat(modern.isEmpty()).isTrue();
		LogicalResponse legacy = call(this.policies, Operation.UPDATE, "policy/b", Map.of("rules", path("x", "read")));
		assertThat(legacy.isEmpty()).isFalse();
		assertThat(legacy.warnings()).containsExactly("'rules' is deprecated, please use 'policy' instead");
		assertThatThrownBy(
				() -> call(this.policies, Operation.UPDATE, "policies/acl/c", Map.of("rules", path("x", "read"))))
			.hasMessage("'policy' parameter not supplied or empty");
	}

	@Test
	void springVaultJsonRulesReadBackByteForByte() {
		call(this.policies, Operation.UPDATE, "policy/app", Map.of("rules", SPRING_VAULT_JSON));
		assertThat(call(this.policies, Operation.READ, "policy/app", Map.of()).data()).containsEntry("rules",
				SPRING_VAULT_JSON);
		assertThat(this.fixture.capabilities("app", "secret/x")).containsExactly("list", "read");
	}

	@Test
	void aBase64PolicyIsStoredDecoded() {
		String encoded = Base64.getEncoder().encodeToString(path("b64/*", "read").getBytes(StandardCharsets.UTF_8));
		call(this.policies, Operation.UPDATE, "policies/acl/b64", Map.of("policy", encoded));
		assertThat(call(this.policies, Operation.READ, "policies/acl/b64", Map.of()).data()).containsEntry("policy",
				path("b64/*", "read"));
	}

	@Test
	void deleteAndMissingPolicies() {
		call(this.policies, Operation.UPDATE, "policy/gone", Map.of("policy", path("x", "read")));
		assertThat(call(this.policies, Operation.DELETE, "policy/gone", Map.of()).isEmpty()).isTrue();
		assertThatThrownBy(() -> call(this.policies, Operation.READ, "policy/gone", Map.of()))
			.satisfies((ex) -> assertThat(((VaultException) ex).status()).isEqualTo(404));
		assertThatThrownBy(() -> call(this.policies, Operation.DELETE, "policies/acl/default", Map.of()))
			.hasMessage("cannot delete \"default\" policy");
		assertThatThrownBy(() -> call(this.policies, Operation.UPDATE, "policy/x", Map.of("policy", "path \"a\" {")))
			.hasMessageStartingWith("failed to parse policy: line 1");
	}

	@Test
	void capabilitiesSelfUsesTheCallersPoliciesAndSortsThem() {
		this.fixture.policy("dev", path("secret/*", "update", "read", "create"));
		LogicalResponse one = this.capabilities.handle(
				request(Operation.UPDATE, "capabilities-self", Map.of("paths", List.of("secret/a"))), this.devCaller);
		assertThat(one.data()).containsEntry("secret/a", List.of("create", "read", "update"))
			.containsEntry("capabilities", List.of("create", "read", "update"));
		assertThat(one.topLevelCopy()).isTrue();
		LogicalResponse two = this.capabilities.handle(
				request(Operation.UPDATE, "capabilities-self", Map.of("path", "secret/a,cubbyhole/x,sys/mounts")),
				this.devCaller);
		assertThat(two.data()).containsEntry("cubbyhole/x", List.of("create", "delete", "list", "read", "update"))
			.containsEntry("sys/mounts", List.of("deny"))
			.doesNotContainKey("capabilities");
	}

	@Test
	void capabilitiesOfAnotherTokenNeedsALiveToken() {
		TokenStore.RootTokenBatch root = this.tokens.prepareRoot();
		this.fixture.barrier.write(root.ops());
		LogicalResponse response = this.capabilities.handle(
				request(Operation.UPDATE, "capabilities", Map.of("token", root.token(), "paths", List.of("a", "b"))),
				this.devCaller);
		assertThat(response.data()).containsEntry("a", List.of("root")).containsEntry("b", List.of("root"));
		assertThatThrownBy(() -> this.capabilities.handle(
				request(Operation.UPDATE, "capabilities", Map.of("token", "hvs.unknown", "path", "a")), this.devCaller))
			.hasMessage("invalid token");
		assertThatThrownBy(() -> this.capabilities.handle(request(Operation.UPDATE, "capabilities-self", Map.of()),
				this.devCaller))
			.hasMessage("paths must be supplied");
		assertThat(this.capabilities.matches("capabilities-accessor")).isFalse();
	}

	private LogicalResponse call(PolicyEndpoint endpoint, Operation operation, String path, Map<String, Object> data) {
		assertThat(endpoint.matches(path)).isTrue();
		return endpoint.handle(request(operation, path, data), this.devCaller);
	}

	private static LogicalRequest request(Operation operation, String path, Map<String, Object> data) {
		return new LogicalRequest(operation, path, data, SystemBackend.MOUNT, "req-1");
	}

}
