package io.coffer.secrets.policy;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code required_parameters}, {@code allowed_parameters}, {@code denied_parameters}. */
class ParameterConstraintsTest {

	private final PolicyFixture fixture = new PolicyFixture();

	private boolean allowed(String body, Operation operation, Map<String, Object> data) {
		this.fixture.policy("p",
				"path \"secret/x\" {\n  capabilities = [\"create\", \"update\", \"read\", \"delete\", \"patch\"]\n"
						+ body + "\n}\n");
		return this.fixture.check(List.of("p"), "secret/x", operation, data).allowed();
	}

	private boolean allowed(String body, Map<String, Object> data) {
		return allowed(body, Operation.UPDATE, data);
	}

	@Test
	void requiredParametersMustBePresent() {
		String rule = "required_parameters = [\"owner\"]";
		assertThat(allowed(rule, Map.of("owner", "me", "x", 1))).isTrue();
		assertThat(allowed(rule, Map.of("x", 1))).isFalse();
		assertThat(allowed(rule, Map.of())).isFalse();
	}

	@Test
	void allowedValuesUseVaultsPrefixSuffixAndContainsGlobs() {
		assertThat(allowed("allowed_parameters = { \"k\" = [\"a*\"] }", Map.of("k", "abc"))).isTrue();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"a*\"] }", Map.of("k", "xabc"))).isFalse();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"*z\"] }", Map.of("k", "xyz"))).isTrue();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"*z\"] }", Map.of("k", "zx"))).isFalse();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"*mid*\"] }", Map.of("k", "a-mid-b"))).isTrue();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"a*c\"] }", Map.of("k", "abc"))).isFalse();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"a*c\"] }", Map.of("k", "a*c"))).isTrue();
		assertThat(allowed("allowed_parameters = { \"k\" = [\"*\"] }", Map.of("k", "anything"))).isFalse();
	}

	@Test
	void anEmptyValueListAllowsAnyValueButOnlyListedKeys() {
		String rule = "allowed_parameters = { \"k\" = [] }";
		assertThat(allowed(rule, Map.of("k", "whatever"))).isTrue();
		assertThat(allowed(rule, Map.of("k", "v", "other", "v"))).isFalse();
	}

	@Test
	void starPermitsOtherKeysWhileListedKeysStayConstrained() {
		String rule = "allowed_parameters = {\n \"k\" = [\"ok\"]\n \"*\" = []\n}";
		assertThat(allowed(rule, Map.of("k", "ok", "other", "anything"))).isTrue();
		assertThat(allowed(rule, Map.of("k", "bad", "other", "anything"))).isFalse();
		assertThat(allowed("allowed_parameters = { \"*\" = [] }", Map.of("any", "x"))).isTrue();
	}

	@Test
	void deniedParametersWinOverAllowedOnes() {
		String rule = "allowed_parameters = { \"k\" = [] }\n denied_parameters = { \"k\" = [\"bad*\"] }";
		assertThat(allowed(rule, Map.of("k", "good"))).isTrue();
		assertThat(allowed(rule, Map.of("k", "bad-value"))).isFalse();
		assertThat(allowed("denied_parameters = { \"k\" = [] }", Map.of("k", "x"))).isFalse();
		assertThat(allowed("denied_parameters = { \"k\" = [] }", Map.of("j", "x"))).isTrue();
	}

	@Test
	void denyingStarRejectsAnyDataButNotAnEmptyRequest() {
		String rule = "denied_parameters = { \"*\" = [] }";
		assertThat(allowed(rule, Map.of("k", "x"))).isFalse();
		assertThat(allowed(rule, Map.of())).isTrue();
	}

	@Test
	void parameterNamesAreCaseInsensitiveAndNumbersCompareByValue() {
		assertThat(allowed("allowed_parameters = { \"TTL\" = [60] }", Map.of("ttl", 60))).isTrue();
		assertThat(allowed("allowed_parameters = { \"ttl\" = [60] }", Map.of("TTL", 60.0))).isTrue();
		assertThat(allowed("allowed_parameters = { \"ttl\" = [60] }", Map.of("ttl", 61))).isFalse();
		assertThat(allowed("allowed_parameters = { \"flag\" = [true] }", Map.of("flag", true))).isTrue();
	}

	@Test
	void constraintsApplyToReadsAndWritesButNotDeletes() {
		String rule = "allowed_parameters = { \"version\" = [\"1\"] }";
		assertThat(allowed(rule, Operation.READ, Map.of("version", "3"))).isFalse();
		assertThat(allowed(rule, Operation.CREATE, Map.of("version", "3"))).isFalse();
		assertThat(allowed(rule, Operation.PATCH, Map.of("version", "3"))).isFalse();
		assertThat(allowed(rule, Operation.DELETE, Map.of("version", "3"))).isTrue();
	}

	@Test
	void kvVersionTwoMountsSkipParameterConstraints() {
		this.fixture.policy("p", "path \"secret/data/x\" {\n capabilities = [\"update\"]\n"
				+ " allowed_parameters = { \"k\" = [\"v\"] }\n}");
		Map<String, Object> data = Map.of("data", Map.of("k", "other"));
		assertThat(this.fixture.service.check(List.of("p"), "secret/data/x", Operation.UPDATE, data, true).allowed())
			.isFalse();
		assertThat(this.fixture.service.check(List.of("p"), "secret/data/x", Operation.UPDATE, data, false).allowed())
			.isTrue();
	}

	@Test
	void rulesForTheSamePatternUniteTheirValues() {
		this.fixture
			.policy("a", "path \"s/x\" {\n capabilities = [\"update\"]\n allowed_parameters = { \"k\" = [\"one\"] }\n}")
			.policy("b", "path \"s/x\" {\n capabilities = [\"update\"]\n allowed_parameters = { \"k\" = [\"two\"] }\n}")
			.policy("any", "path \"s/x\" {\n capabilities = [\"update\"]\n allowed_parameters = { \"k\" = [] }\n}");
		assertThat(this.fixture.check(List.of("a", "b"), "s/x", Operation.UPDATE, Map.of("k", "two")).allowed())
			.isTrue();
		assertThat(this.fixture.check(List.of("a", "b"), "s/x", Operation.UPDATE, Map.of("k", "three")).allowed())
			.isFalse();
		assertThat(this.fixture.check(List.of("a", "any"), "s/x", Operation.UPDATE, Map.of("k", "three")).allowed())
			.isTrue();
	}

	@Test
	void theReasonNamesTheParameterButNeverItsValue() {
		allowed("allowed_parameters = { \"password\" = [\"x*\"] }", Map.of("password", "hunter2"));
		AclDecision decision = this.fixture.check(List.of("p"), "secret/x", Operation.UPDATE,
				Map.of("password", "hunter2"));
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.reason()).contains("password").doesNotContain("hunter2");
		assertThat(decision.toString()).doesNotContain("hunter2");
	}

}
