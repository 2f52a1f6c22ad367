package io.coffer.secrets.policy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vault's ACL templating: filled from the entity, dropped when it cannot be filled. */
class PolicyTemplatesTest {

	private static final Policy POLICY = PolicyParser.parse("t", """
			path "secret/data/{{identity.entity.name}}/*" { capabilities = ["read"] }
			path "secret/data/{{ identity.entity.metadata.team }}/shared" { capabilities = ["read"] }
			path "secret/data/g/{{identity.groups.names.ops.id}}" { capabilities = ["read"] }
			path "secret/data/plain" { capabilities = ["read"] }
			""");

	@Test
	void templatesAreFilledFromTheEntityAndUnfillableRulesAreDropped() {
		Policy filled = PolicyTemplates.resolve(POLICY,
				Map.of("identity.entity.name", "alice", "identity.entity.metadata.team", "blue"));
		assertThat(filled.rules()).extracting(PathRule::pattern)
			.containsExactly("secret/data/alice/*", "secret/data/blue/shared", "secret/data/plain");
	}

	@Test
	void withoutAnEntityOnlyTheUntemplatedRulesRemain() {
		assertThat(PolicyTemplates.isTemplated(POLICY)).isTrue();
		assertThat(PolicyTemplates.resolve(POLICY, Map.of()).rules()).extracting(PathRule::pattern)
			.containsExactly("secret/data/plain");
	}

	@Test
	void anEmptyValueFillsNothing() {
		assertThat(PolicyTemplates.resolve(POLICY, Map.of("identity.entity.name", "")).rules())
			.extracting(PathRule::pattern)
			.containsExactly("secret/data/plain");
	}

}
