package io.coffer.e2e.dashboards;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest {

	@Test
	void aBareSelectorIsItsName() {
		assertThat(PromQlNames.of("vault_core_unsealed")).containsExactly("vault_core_unsealed");
	}

	@Test
	void functionsAggregationsAndGroupingLabelsAreNotNames() {
		assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, node) (rate("
				+ "vault_core_handle_request_seconds_bucket{service=\"secrets\"}[$__rate_interval])))"))
			.containsExactly("vault_core_handle_request_seconds_bucket");
		assertThat(PromQlNames.of("sum(rate(a_total[5m])) without (instance)")).containsExactly("a_total");
	}

	@Test
	void labelMatchersAndTheirValuesAreNotNames() {
		assertThat(PromQlNames.of("x{node=~\"$node\", code!=\"sum(y)\", le='z'}")).containsExactly("x");
	}

	@Test
	void everyOperandOfABinaryExpressionIsFound() {
		assertThat(PromQlNames.of("max by (node) (a_index - on (node) group_left (service) b_index) > bool 1e3"
				+ " and ignoring (x) c or d unless e offset 5m"))
			.containsExactly("a_index", "b_index", "c", "d", "e");
	}

	@Test
	void subqueriesDurationsAndNumbersAreNotNames() {
		assertThat(PromQlNames.of("max_over_time(rate(a_total[1m])[10m:30s]) * 0.5 + 2e-3 + Inf"))
			.containsExactly("a_total");
	}

	@Test
	void namesWithColonsAreRecordingRules() {
		assertThat(PromQlNames.of("coffer:request_5xx:ratio_rate5m > 0.01"))
			.containsExactly("coffer:request_5xx:ratio_rate5m");
	}

}
