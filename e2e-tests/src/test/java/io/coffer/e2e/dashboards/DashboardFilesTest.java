package io.coffer.e2e.dashboards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed Grafana files without a running suite: every query parses as PromQL
 * (Prometheus' parser, through promtool), names the metrics it selects, and reads the
 * data source from the {@code DS_PROMETHEUS} variable; the community table is well
 * formed. Whether the names are exported is {@code GrafanaDashboardsIT}'s part.
 */
class DashboardFilesTest {

	private static final String DATASOURCE = "${DS_PROMETHEUS}";

	@Test
	void thereIsAnOverviewDashboard() {
		assertThat(GrafanaFiles.dashboards()).extracting((p) -> p.getFileName().toString())
			.contains("coffer-overview.json");
	}

	@Test
	void everyQueryIsPromQlThatPrometheusParses(@TempDir Path work) {
		List<DashboardQuery> queries = new ArrayList<>();
		GrafanaFiles.dashboards().forEach((d) -> queries.addAll(DashboardQuery.of(d)));
		assertThat(queries).hasSizeGreaterThan(40);

		PromTool.Result checked = PromTool.checkRules(queries, work);

		assertThat(checked.accepted()).as(checked.output()).isTrue();
	}

	@Test
	void promToolRefusesWhatPrometheusWouldRefuse(@TempDir Path work) {
		PromTool.Result checked = PromTool.checkRules(
				List.of(new DashboardQuery("x.json", "broken", "sum(rate(vault_core_active[$__rate_interval])")), work);

		assertThat(checked.accepted()).isFalse();
	}

	@Test
	void everyQuerySelectsAtLeastOneNamedMetric() {
		for (Path dashboard : GrafanaFiles.dashboards()) {
			for (DashboardQuery query : DashboardQuery.of(dashboard)) {
				assertThat(query.metricNames()).as(query.toString()).isNotEmpty();
			}
		}
	}

	@Test
	void everyPanelAndQueryReadsTheDataSourceVariable() {
		for (Path dashboard : GrafanaFiles.dashboards()) {
			JsonNode root = DashboardQuery.read(dashboard);
			JsonNode variable = variable(root, "DS_PROMETHEUS");
			assertThat(variable.path("type").asString()).isEqualTo("datasource");
			assertThat(variable.path("query").asString()).isEqualTo("prometheus");
			Set<Integer> ids = new HashSet<>();
			for (JsonNode panel : DashboardQuery.panels(root)) {
				assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
				if ("row".equals(panel.path("type").asString())) {
					continue;
				}
				assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
					.isEqualTo(DATASOURCE);
				assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
				}
			}
		}
	}

	@Test
	void everyCommunityMetricIsListedOnceWithItsDashboardsAndAStatus() {
		List<CommunityMetric> rows = CommunityMetric.read(GrafanaFiles.communityMetrics());
		assertThat(rows).hasSizeGreaterThan(50);
		Set<String> names = new HashSet<>();
		for (CommunityMetric row : rows) {
			assertThat(names.add(row.name())).as("listed once: %s", row.name()).isTrue();
			assertThat(row.dashboards().split(",")).as(row.name()).isSubsetOf("12904", "mixin");
			assertThat(row.provided() || (row.status().startsWith(CommunityMetric.ABSENT)
					&& row.status().length() > CommunityMetric.ABSENT.length() + 10))
				.as("%s: status is provided or absent: <reason>", row.name())
				.isTrue();
		}
	}

	@Test
	void aWildcardRowMatchesTheNamesADashboardBuildsFromAVariable() {
		CommunityMetric route = new CommunityMetric("vault_route_read_*__count", "12904", "absent: no route metrics");

		assertThat(route.matches("vault_route_read_secret__count")).isTrue();
		assertThat(route.matches("vault_route_read___count")).isFalse();
		assertThat(route.matches("vault_route_list_secret__count")).isFalse();
	}

	private static JsonNode variable(JsonNode dashboard, String name) {
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (name.equals(variable.path("name").asString())) {
				return variable;
			}
		}
		throw new AssertionError("no variable " + name);
	}

}
