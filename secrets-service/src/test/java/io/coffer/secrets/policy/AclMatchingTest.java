package io.coffer.secrets.policy;

import java.time.Duration;
import java.util.List;

import io.coffer.secrets.kernel.Operation;
import org.junit.jupiter.api.Test;

import static io.coffer.secrets.policy.PolicyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;

/** Vault's path matching and rule priority (vault-api.md §2), one case per rule. */
class AclMatchingTest {

	private final PolicyFixture fixture = new PolicyFixture();

	@Test
	void anExactPathMatchesOnlyItself() {
		this.fixture.policy("p", path("secret/foo", "read"));
		assertThat(this.fixture.allowed("p", "secret/foo", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "/secret/foo", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/foo/bar", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("p", "secret/fo", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("p", "secret/foo", Operation.UPDATE)).isFalse();
	}

	@Test
	void aTrailingStarIsAPrefixGlobEvenInsideASegment() {
		this.fixture.policy("p", path("secret/zip-*", "read"));
		assertThat(this.fixture.allowed("p", "secret/zip-zap/x", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/zip-", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/zap", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("p", "secret/zip", Operation.READ)).isFalse();
	}

	@Test
	void aStarThatIsNotLastIsALiteralCharacter() {
		this.fixture.policy("p", path("secret/a*b", "read"));
		assertThat(this.fixture.allowed("p", "secret/a*b", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/axb", Operation.READ)).isFalse();
	}

	@Test
	void plusMatchesExactlyOneSegment() {
		this.fixture.policy("p", path("secret/+/config", "read"));
		assertThat(this.fixture.allowed("p", "secret/app/config", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/app/x/config", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("p", "secret/config", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("p", "secret/app/config/x", Operation.READ)).isFalse();
	}

	@Test
	void plusCombinesWithATrailingGlob() {
		this.fixture.policy("p", path("secret/+/conf*", "read"));
		assertThat(this.fixture.allowed("p", "secret/app/config/x", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/app/other", Operation.READ)).isFalse();
	}

	@Test
	void anExactRuleBeatsAnyGlob() {
		this.fixture.policy("p", path("secret/*", "read") + path("secret/foo", "list"));
		assertThat(this.fixture.capabilities("p", "secret/foo")).containsExactly("list");
		assertThat(this.fixture.capabilities("p", "secret/bar")).containsExactly("read");
	}

	@Test
	void theLongestPrefixGlobWins() {
		this.fixture.policy("p", path("secret/*", "read") + path("secret/team/*", "create"));
		assertThat(this.fixture.capabilities("p", "secret/team/x")).containsExactly("create");
		assertThat(this.fixture.allowed("p", "secret/team/x", Operation.READ)).isFalse();
	}

	@Test
	void priorityOneAnEarlierWildcardLoses() {
		this.fixture.policy("p", path("secret/+/bar", "read") + path("secret/foo/*", "list"));
		assertThat(this.fixture.capabilities("p", "secret/foo/bar")).containsExactly("list");
	}

	@Test
	void priorityTwoAGlobLosesToAWildcardAtTheSamePosition() {
		this.fixture.policy("p", path("secret/+/*", "read") + path("secret/+/bar", "list"));
		assertThat(this.fixture.capabilities("p", "secret/foo/bar")).containsExactly("list");
		this.fixture.policy("q", path("secret/foo/*", "read") + path("secret/foo/+", "list"));
		assertThat(this.fixture.capabilities("q", "secret/foo/bar")).containsExactly("list");
	}

	@Test
	void priorityThreeMoreWildcardsLose() {
		this.fixture.policy("p", path("secret/+/+/baz", "read") + path("secret/+/bar/baz", "list"));
		assertThat(this.fixture.capabilities("p", "secret/x/bar/baz")).containsExactly("list");
	}

	@Test
	void priorityFourTheShorterPatternLoses() {
		this.fixture.policy("p", path("secret/+/bar/b*", "read") + path("secret/+/bar/ba*", "list"));
		assertThat(this.fixture.capabilities("p", "secret/x/bar/baz")).containsExactly("list");
	}

	@Test
	void priorityFiveTheLexicographicallySmallerPatternLoses() {
		this.fixture.policy("p", path("a/+/+/c", "read") + path("a/+/b/+", "list"));
		assertThat(this.fixture.capabilities("p", "a/x/b/c")).containsExactly("list");
	}

	@Test
	void samePatternInSeveralPoliciesUnitesCapabilities() {
		this.fixture.policy("reader", path("secret/*", "read")).policy("lister", path("secret/*", "list"));
		AclDecision decision = this.fixture.check(List.of("reader", "lister"), "secret/x", Operation.LIST);
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.capabilities()).containsExactly("list", "read");
	}

	@Test
	void samePatternTwiceInOnePolicyUnitesToo() {
		this.fixture.policy("p", path("secret/x", "read") + path("secret/x", "update"));
		assertThat(this.fixture.capabilities("p", "secret/x")).containsExactly("read", "update");
	}

	@Test
	void differentMatchingPatternsDoNotUnite() {
		this.fixture.policy("wide", path("secret/*", "read", "list")).policy("narrow", path("secret/foo/*", "create"));
		assertThat(this.fixture.check(List.of("wide", "narrow"), "secret/foo/x", Operation.READ).allowed()).isFalse();
		assertThat(this.fixture.check(List.of("wide", "narrow"), "secret/bar", Operation.READ).allowed()).isTrue();
	}

	@Test
	void denyWinsOverSudoWhateverTheOrder() {
		this.fixture.policy("admin", path("sys/audit/*", "sudo", "read", "update"))
			.policy("block", path("sys/audit/*", "deny"));
		for (List<String> policies : List.of(List.of("admin", "block"), List.of("block", "admin"))) {
			AclDecision decision = this.fixture.check(policies, "sys/audit/file", Operation.UPDATE);
			assertThat(decision.allowed()).isFalse();
			assertThat(decision.sudo()).isFalse();
			assertThat(decision.capabilities()).containsExactly("deny");
		}
	}

	@Test
	void denyInsideOneStanzaDropsTheOtherCapabilities() {
		this.fixture.policy("p", path("secret/x", "read", "deny"));
		assertThat(this.fixture.capabilities("p", "secret/x")).containsExactly("deny");
	}

	@Test
	void sudoIsReportedOnlyWhenGranted() {
		this.fixture.policy("p", path("sys/audit/*", "sudo", "update") + path("sys/mounts/*", "update"));
		assertThat(this.fixture.check(List.of("p"), "sys/audit/f", Operation.UPDATE).sudo()).isTrue();
		assertThat(this.fixture.check(List.of("p"), "sys/mounts/x", Operation.UPDATE).sudo()).isFalse();
	}

	@Test
	void rootPolicyAllowsEverything() {
		AclDecision decision = this.fixture.check(List.of("root"), "sys/raw/anything", Operation.DELETE);
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.root()).isTrue();
		assertThat(decision.sudo()).isTrue();
		assertThat(this.fixture.service.capabilities(List.of("Root"), "x")).containsExactly("root");
	}

	@Test
	void nothingIsAllowedWithoutAMatchingRuleOrWithUnknownPolicies() {
		AclDecision decision = this.fixture.check(List.of("nope"), "secret/x", Operation.READ);
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.capabilities()).containsExactly("deny");
		assertThat(this.fixture.service.capabilities(List.of(), "secret/x")).containsExactly("deny");
	}

	@Test
	void aListPathWithATrailingSlashMatchesTheRuleWithoutIt() {
		this.fixture.policy("p", path("secret/metadata", "list") + path("kv/app*", "list"));
		assertThat(this.fixture.allowed("p", "secret/metadata/", Operation.LIST)).isTrue();
		assertThat(this.fixture.allowed("p", "kv/app/", Operation.LIST)).isTrue();
		assertThat(this.fixture.allowed("p", "secret/metadata/", Operation.READ)).isFalse();
	}

	@Test
	void theDefaultPolicyGrantsSelfServicePaths() {
		assertThat(this.fixture.allowed("default", "auth/token/lookup-self", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("default", "sys/capabilities-self", Operation.UPDATE)).isTrue();
		assertThat(this.fixture.allowed("default", "sys/leases/renew", Operation.UPDATE)).isTrue();
		assertThat(this.fixture.allowed("default", "cubbyhole/a/b", Operation.CREATE)).isTrue();
		assertThat(this.fixture.allowed("default", "sys/wrapping/unwrap", Operation.UPDATE)).isTrue();
		assertThat(this.fixture.allowed("default", "sys/tools/hash/sha2-256", Operation.UPDATE)).isTrue();
		assertThat(this.fixture.allowed("default", "secret/x", Operation.READ)).isFalse();
		assertThat(this.fixture.allowed("default", "sys/mounts", Operation.READ)).isFalse();
	}

	@Test
	void wrappingTtlsAreExposedAndMergedToTheLowest() {
		this.fixture.policy("a",
				"path \"w/*\" {\n capabilities = [\"read\"]\n min_wrapping_ttl = \"1m\"\n max_wrapping_ttl = \"1h\"\n}")
			.policy("b",
					"path \"w/*\" {\n capabilities = [\"read\"]\n min_wrapping_ttl = 30\n max_wrapping_ttl = \"2h\"\n}");
		AclDecision decision = this.fixture.check(List.of("a", "b"), "w/x", Operation.READ);
		assertThat(decision.minWrappingTtl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(decision.maxWrappingTtl()).isEqualTo(Duration.ofHours(1));
		assertThat(decision.permitsWrapTtl(null)).isFalse();
		assertThat(decision.permitsWrapTtl(Duration.ofMinutes(5))).isTrue();
		assertThat(decision.permitsWrapTtl(Duration.ofSeconds(10))).isFalse();
		assertThat(decision.permitsWrapTtl(Duration.ofHours(2))).isFalse();
		assertThat(this.fixture.check(List.of("default"), "cubbyhole/x", Operation.READ).permitsWrapTtl(null)).isTrue();
	}

}
