package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.support.GoGlob;
import io.coffer.secrets.identity.FromAddress;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restrictions a token role sets hold, or are refused: address bounds on every use of its
 * tokens, policy globs, and no field Coffer does not implement accepted and dropped.
 */
class TokenRestrictionsTest {

	private final TokenFixture fixture = new TokenFixture()
		.policy("web", TokenFixture.rule("auth/token/create*", "update"))
		.policy("reader", TokenFixture.rule("auth/token/lookup-self", "read"));

	@Test
	void aTokenBoundToBlocksIsRefusedFromElsewhereWithoutSpendingAUse() {
		this.fixture.write(this.fixture.rootToken, "roles/bound",
				Map.of("token_bound_cidrs", "127.0.0.2/32", "allowed_policies", "reader"));
		assertThat(this.fixture.call(this.fixture.rootToken, Operation.READ, "roles/bound", Map.of()).data())
			.containsEntry("token_bound_cidrs", List.of("127.0.0.2/32"));
		String token = this.fixture.create(this.fixture.rootToken, Map.of());
		String bound = (String) this.fixture.write(this.fixture.rootToken, "create/bound", Map.of("num_uses", 2))
			.auth()
			.get("client_token");

		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> FromAddress.call("127.0.0.3", () -> lookupSelf(bound)))
				.hasMessage("permission denied")
				.extracting((ex) -> ((VaultException) ex).status())
				.isEqualTo(403);
		}
		assertThatThrownBy(() -> lookupSelf(bound)).hasMessage("permission denied");

		Map<String, Object> self = FromAddress.call("127.0.0.2", () -> lookupSelf(bound)).data();
		assertThat(self).containsEntry("bound_cidrs", List.of("127.0.0.2/32")).containsEntry("num_uses", 1);
		assertThat(FromAddress.call("127.0.0.3", () -> lookupSelf(token)).data()).doesNotContainKey("bound_cidrs");
	}

	@Test
	void aChildKeepsItsParentsBoundsAndANonExpiringTokenIsNeverBound() {
		this.fixture.write(this.fixture.rootToken, "roles/bound", Map.of("bound_cidrs", List.of("10.0.0.0/8")));
		String parent = (String) this.fixture
			.write(this.fixture.rootToken, "create/bound", Map.of("policies", "web", "ttl", "1h"))
			.auth()
			.get("client_token");
		String child = FromAddress.call("10.1.1.1", () -> this.fixture.create(parent, Map.of("policies", "web")));
		assertThat(this.fixture.entry(child).boundCidrs()).containsExactly("10.0.0.0/8");

		this.fixture.write(this.fixture.rootToken, "roles/forever",
				Map.of("token_bound_cidrs", "10.0.0.0/8", "allowed_policies", "root", "token_no_default_policy", true));
		String forever = (String) this.fixture.write(this.fixture.rootToken, "create/forever", Map.of())
			.auth()
			.get("client_token");
		assertThat(this.fixture.entry(forever).boundCidrs()).isEmpty();
	}

	@Test
	void policyGlobsAllowAndDisallowAsVaults() {
		this.fixture.write(this.fixture.rootToken, "roles/globbed",
				Map.of("allowed_policies_glob", "team-*,*-ro", "disallowed_policies_glob", List.of("team-admin*")));
		assertThat(this.fixture.call(this.fixture.rootToken, Operation.READ, "roles/globbed", Map.of()).data())
			.containsEntry("allowed_policies_glob", List.of("*-ro", "team-*"))
			.containsEntry("disallowed_policies_glob", List.of("team-admin*"));

		LogicalResponse created = this.fixture.write(this.fixture.rootToken, "create/globbed",
				Map.of("policies", List.of("team-web", "db-ro")));
		assertThat(created.auth()).containsEntry("policies", List.of("db-ro", "default", "team-web"));
		assertThatThrownBy(
				() -> this.fixture.write(this.fixture.rootToken, "create/globbed", Map.of("policies", List.of("ops"))))
			.hasMessageContaining("must be subset of the role's allowed policies");
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "create/globbed",
				Map.of("policies", List.of("team-administrators"))))
			.hasMessage("token policy \"team-administrators\" is disallowed by this role");
		// Without allowed policies, a disallowed glob alone still stops the parent's.
		this.fixture.write(this.fixture.rootToken, "roles/no-web", Map.of("disallowed_policies_glob", "w*"));
		String web = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		assertThatThrownBy(() -> this.fixture.write(web, "create/no-web", Map.of()))
			.hasMessage("token policy \"web\" is disallowed by this role");
	}

	@Test
	void globsMatchLikeGoGlob() {
		assertThat(GoGlob.matches("*", "anything")).isTrue();
		assertThat(GoGlob.matches("a*c", "abbbc")).isTrue();
		assertThat(GoGlob.matches("a*c", "abbbcd")).isFalse();
		assertThat(GoGlob.matches("*b*", "abc")).isTrue();
		assertThat(GoGlob.matches("a*b*c", "axbyc")).isTrue();
		assertThat(GoGlob.matches("a*b*c", "axcyb")).isFalse();
		assertThat(GoGlob.matches("exact", "exact")).isTrue();
		assertThat(GoGlob.matches("exact", "exactly")).isFalse();
	}

	@Test
	void fieldsCofferDoesNotImplementAreRefusedNotDropped() {
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "roles/aliased",
				Map.of("allowed_entity_aliases", "alice")))
			.hasMessageStartingWith("field \"allowed_entity_aliases\" is not supported")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		assertThatThrownBy(() -> this.fixture.call(this.fixture.rootToken, Operation.READ, "roles/aliased", Map.of()))
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(404);
		assertThatThrownBy(() -> this.fixture.create(this.fixture.rootToken, Map.of("entity_alias", "alice")))
			.hasMessageStartingWith("field \"entity_alias\" is not supported");
		// Vault's token create would drop an address binding; Coffer refuses it.
		assertThatThrownBy(() -> this.fixture.create(this.fixture.rootToken, Map.of("bound_cidrs", "10.0.0.0/8")))
			.hasMessageStartingWith("field \"bound_cidrs\" is not supported");
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "roles/named",
				Map.of("token_bound_cidrs", "localhost")))
			.hasMessageStartingWith("invalid CIDR block in \"token_bound_cidrs\"");

		// What Vault's Go client always sends, and fields unknown to Vault too, pass.
		LogicalResponse created = this.fixture.write(this.fixture.rootToken, "create",
				Map.of("entity_alias", "", "display_name", "ci", "colour", "blue"));
		assertThat(created.warnings()).contains("Endpoint ignored these unrecognized parameters: [colour]");
	}

	private LogicalResponse lookupSelf(String token) {
		return this.fixture.call(token, Operation.READ, "lookup-self", Map.of());
	}

}
