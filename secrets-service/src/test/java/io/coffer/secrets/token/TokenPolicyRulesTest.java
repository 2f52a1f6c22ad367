package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which policies and privileges a child may get, token roles, and the metrics. */
class TokenPolicyRulesTest {

	private final TokenFixture fixture = new TokenFixture()
		.policy("web", TokenFixture.rule("auth/token/create*", "update"))
		.policy("admin", TokenFixture.rule("*", "read"));

	@Test
	void aChildMayOnlyGetPoliciesItsParentHolds() {
		String web = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		assertThatThrownBy(() -> this.fixture.create(web, Map.of("policies", List.of("admin"))))
			.isInstanceOf(VaultException.class)
			.hasMessage("child policies must be subset of parent")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		String child = this.fixture.create(web, Map.of("policies", List.of("web")));
		assertThat(this.fixture.entry(child).policies()).containsExactly("default", "web");
		String inherited = this.fixture.create(web, Map.of());
		assertThat(this.fixture.entry(inherited).policies()).containsExactly("default", "web");
		String bare = this.fixture.create(web, Map.of("policies", "web", "no_default_policy", true));
		assertThat(this.fixture.entry(bare).policies()).containsExactly("web");
	}

	@Test
	void anUnknownPolicyIsAttachedWithAWarning() {
		LogicalResponse response = this.fixture.write(this.fixture.rootToken, "create",
				Map.of("policies", List.of("ghost")));
		assertThat(response.warnings()).containsExactly("Policy \"ghost\" does not exist");
		assertThat(response.auth()).containsEntry("policies", List.of("default", "ghost"));
	}

	@Test
	void periodsCustomIdsAndRootChildrenNeedPrivileges() {
		String web = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		assertThatThrownBy(() -> this.fixture.create(web, Map.of("period", "1h")))
			.hasMessage("root or sudo privileges required to create periodic token");
		assertThatThrownBy(() -> this.fixture.create(web, Map.of("id", "custom")))
			.hasMessage("root or sudo privileges required to specify token id");
		this.fixture.policy("sudoer", TokenFixture.rule("auth/token/create", "update", "sudo"));
		String sudoer = this.fixture.create(this.fixture.rootToken, Map.of("policies", "sudoer"));
		assertThatThrownBy(() -> this.fixture.create(sudoer, Map.of("policies", "root")))
			.hasMessage("root tokens may not be created without parent token being root");
		assertThat(this.fixture.create(sudoer, Map.of("id", "my-own-id", "policies", "admin"))).isEqualTo("my-own-id");
		assertThatThrownBy(() -> this.fixture.create(sudoer, Map.of("id", "my-own-id")))
			.hasMessage("cannot create a token with a duplicate ID");
		assertThatThrownBy(() -> this.fixture.create(sudoer, Map.of("id", "hvs.x"))).hasMessageContaining("prefix");
	}

	@Test
	void rolesDecidePoliciesOrphanhoodAndPath() {
		assertThat(this.fixture
			.write(this.fixture.rootToken, "roles/builder",
					Map.of("allowed_policies", "web,admin", "orphan", true, "path_suffix", "v2", "token_period", "2h"))
			.isEmpty()).isTrue();
		Map<String, Object> role = this.fixture.call(this.fixture.rootToken, Operation.READ, "roles/builder", Map.of())
			.data();
		assertThat(role).containsEntry("allowed_policies", List.of("admin", "web"))
			.containsEntry("orphan", true)
			.containsEntry("period", 7200L)
			.containsEntry("renewable", true);
		String web = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		LogicalResponse created = this.fixture.write(web, "create/builder", Map.of("policies", List.of("admin")));
		assertThat(created.auth()).containsEntry("policies", List.of("admin", "default"))
			.containsEntry("orphan", true)
			.containsEntry("lease_duration", 7200L);
		TokenEntry entry = this.fixture.entry((String) created.auth().get("client_token"));
		assertThat(entry.path()).isEqualTo("auth/token/create/builder/v2");
		assertThat(entry.role()).isEqualTo("builder");
		assertThatThrownBy(() -> this.fixture.write(web, "create/builder", Map.of("policies", List.of("root"))))
			.hasMessageContaining("must be subset of the role's allowed policies");
		assertThatThrownBy(() -> this.fixture.write(web, "create/nope", Map.of())).hasMessage("unknown role nope");
		assertThat(this.fixture.call(this.fixture.rootToken, Operation.LIST, "roles/", Map.of()).data())
			.containsEntry("keys", List.of("builder"));
		this.fixture.call(this.fixture.rootToken, Operation.DELETE, "roles/builder", Map.of());
		assertThatThrownBy(() -> this.fixture.call(this.fixture.rootToken, Operation.LIST, "roles/", Map.of()))
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(404);
	}

	@Test
	void disallowedPoliciesAreRefused() {
		this.fixture.write(this.fixture.rootToken, "roles/limited", Map.of("disallowed_policies", "admin"));
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "create/limited",
				Map.of("policies", List.of("admin"))))
			.hasMessage("token policy \"admin\" is disallowed by this role");
	}

	@Test
	void metricsFollowCreationAndRevocationWithoutScanning() {
		double before = this.fixture.registry.get("vault.token.count").gauge().value();
		String token = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web", "ttl", "30m"));
		assertThat(this.fixture.registry.get("vault.token.count").gauge().value()).isEqualTo(before + 1);
		assertThat(this.fixture.registry.get("vault.token.count.by_policy").tag("policy", "web").gauge().value())
			.isEqualTo(1);
		assertThat(this.fixture.registry.get("vault.token.count.by_ttl").tag("creation_ttl", "1h").gauge().value())
			.isEqualTo(1);
		assertThat(this.fixture.registry.get("vault.token.creation")
			.tags("auth_method", "token", "mount_point", "auth/token/", "creation_ttl", "1h", "token_type", "service")
			.counter()
			.count()).isEqualTo(1);
		this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", token));
		assertThat(this.fixture.registry.get("vault.token.count.by_policy").tag("policy", "web").gauge().value())
			.isZero();
		assertThat(this.fixture.registry.get("vault.token.lookup_count").counter().count()).isPositive();
	}

	@Test
	void ttlBucketsFollowVault() {
		assertThat(TokenMetrics.ttlBucket(0)).isEqualTo("+Inf");
		assertThat(TokenMetrics.ttlBucket(60)).isEqualTo("1m");
		assertThat(TokenMetrics.ttlBucket(61)).isEqualTo("10m");
		assertThat(TokenMetrics.ttlBucket(2_764_800)).isEqualTo("+Inf");
		assertThat(TokenMetrics.ttlBucket(86_400)).isEqualTo("1d");
	}

	@Test
	void entriesSurviveAStorageRoundTrip() {
		TokenEntry entry = new TokenEntry("acc", List.of("a"), "auth/token/create", "token", 10, 20, 3, false,
				Map.of("k", "v"), "parent", 30, 15, 40, 0, 50, true, "role");
		assertThat(io.coffer.secrets.core.Json.read(io.coffer.secrets.core.Json.write(entry), TokenEntry.class))
			.isEqualTo(entry);
	}

}
