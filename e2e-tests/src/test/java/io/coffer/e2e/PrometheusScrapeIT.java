package io.coffer.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.coffer.e2e.dashboards.DashboardQuery;
import io.coffer.e2e.dashboards.GrafanaFiles;
import io.coffer.e2e.dashboards.PromQlNames;
import io.coffer.e2e.dashboards.SuiteActivity;
import io.coffer.e2e.prometheus.PrometheusServer;
import io.coffer.e2e.prometheus.ScrapeConfig;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server scrapes the shared suite through the committed
 * {@code deploy/prometheus/prometheus.yml} (its jobs, paths, parameters and token
 * authorization; only the targets and intervals are the test's) with the committed rules
 * loaded: every target is up, every rule evaluates without error on the real series,
 * every metric a rule or a dashboard query selects is stored, every dashboard query
 * returns data, and the sealed and no-active-node alerts fire when the cluster is sealed.
 * The rules' {@code for} durations are set to {@code 0s} here (see {@link ScrapeConfig});
 * {@code promtool test rules} covers them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final String NAME = "prometheus-it";

	private static CofferCluster cluster;

	private static PrometheusServer prometheus;

	private static SuiteActivity activity;

	@BeforeAll
	static void scrape() throws Exception {
		cluster = coffer.cluster();
		VaultHttp http = cluster.http();
		String root = cluster.rootToken();
		http.put("sys/policies/acl/" + NAME, Map.of("policy", "path \"sys/metrics\" { capabilities = [\"read\"] }"),
				root)
			.requireSuccess();
		String metricsToken = http
			.post("auth/token/create-orphan", Map.of("policies", List.of(NAME), "ttl", "1h"), root)
			.requireSuccess()
			.json()
			.path("auth")
			.path("client_token")
			.asString();
		Map<String, List<String>> targets = new LinkedHashMap<>();
		targets.put("coffer-gateway", List.of(hostPort(cluster.gateway())));
		targets.put("coffer-secrets", cluster.nodes().stream().map(PrometheusScrapeIT::hostPort).toList());
		targets.put("coffer-lease", List.of(hostPort(cluster.leaseService())));
		targets.put("coffer-audit", List.of(hostPort(cluster.auditService())));
		targets.put("coffer-snapshot", List.of(hostPort(cluster.snapshotService())));
		Path dir = Files.createTempDirectory("coffer-prometheus-it");
		Path config = ScrapeConfig.write(GrafanaFiles.prometheusRules().getParent(), targets, metricsToken, dir);
		prometheus = PrometheusServer.start(config, dir.resolve("data"),
				Path.of("target", "e2e-logs", "prometheus.log").toAbsolutePath());
		activity = SuiteActivity.start(cluster, NAME);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode up = prometheus.query("up");
			assertThat(up.path("result")).as("targets scraped")
				.hasSize(targets.values().stream().mapToInt(List::size).sum());
			up.path("result")
				.forEach((target) -> assertThat(target.path("value").get(1).asString())
					.as("up of %s", target.path("metric"))
					.isEqualTo("1"));
			// the activity's lazily created meters are stored, and every rate has two
			// samples
			assertThat(prometheus.query("coffer_audit_device_delivered_total{device=\"" + NAME + "/\"}").path("result"))
				.isNotEmpty();
			assertThat(prometheus.query("vault_autosnapshots_percent_maxspace_used{config=\"" + NAME + "\"}")
				.path("result")).isNotEmpty();
			assertThat(prometheus.query("rate(up[1m])").path("result")).as("targets with two samples")
				.hasSize(targets.values().stream().mapToInt(List::size).sum());
		});
	}

	@AfterAll
	static void stop() {
		if (activity != null) {
			activity.close();
		}
		if (prometheus != null) {
			prometheus.close();
		}
		if (cluster != null) {
			cluster.http().delete("sys/policies/acl/" + NAME, cluster.rootToken());
		}
	}

	@Test
	@Order(1)
	void everyRuleEvaluatesOnTheRealSeriesAndEverySeriesItSelectsIsStored() {
		Set<String> stored = new TreeSet<>(prometheus.metricNames());
		List<String> failing = new ArrayList<>();
		List<String> unknownNames = new ArrayList<>();
		int rules = 0;
		for (JsonNode group : prometheus.ruleGroups()) {
			for (JsonNode rule : group.path("rules")) {
				rules++;
				String name = rule.has("name") ? rule.path("name").asString() : rule.path("record").asString();
				if (!"ok".equals(rule.path("health").asString())) {
					failing.add(name + ": " + rule.path("health").asString() + " " + rule.path("lastError").asString());
				}
				PromQlNames.of(rule.path("query").asString())
					.stream()
					.filter((metric) -> !stored.contains(metric))
					.forEach((metric) -> unknownNames.add(metric + " in " + name));
			}
		}
		assertThat(rules).as("rules loaded from deploy/prometheus/rules").isGreaterThan(20);
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(failing).as("rules Prometheus could not evaluate").isEmpty();
			softly.assertThat(unknownNames).as("metrics a rule selects that no target exports").isEmpty();
		});
	}

	/**
	 * What a scrape costs: Prometheus' own {@code scrape_duration_seconds} and
	 * {@code scrape_samples_scraped} per target, averaged over the last minute, printed
	 * and written to {@code target/e2e-results/prometheus-scrapes.txt} (docs/metrics.md
	 * quotes them).
	 */
	@Test
	@Order(2)
	void scrapeCostPerTargetIsReported() throws Exception {
		StringBuilder report = new StringBuilder("job instance samples avg_scrape_ms max_scrape_ms\n");
		JsonNode samples = prometheus.query("scrape_samples_scraped").path("result");
		assertThat(samples).isNotEmpty();
		for (JsonNode sample : samples) {
			JsonNode labels = sample.path("metric");
			String selector = "{job=\"" + labels.path("job").asString() + "\",instance=\""
					+ labels.path("instance").asString() + "\"}";
			double average = value(prometheus.query("avg_over_time(scrape_duration_seconds" + selector + "[1m])"));
			double max = value(prometheus.query("max_over_time(scrape_duration_seconds" + selector + "[1m])"));
			int count = (int) Double.parseDouble(sample.path("value").get(1).asString());
			assertThat(count).as("samples scraped from %s", selector).isPositive();
			report.append(String.format("%s %s %d %.1f %.1f%n", labels.path("job").asString(),
					labels.path("instance").asString(), count, average * 1000, max * 1000));
		}
		System.out.print("PROMETHEUS SCRAPES:\n" + report);
		Path results = Files.createDirectories(Path.of("target", "e2e-results"));
		Files.writeString(results.resolve("prometheus-scrapes.txt"), report);
	}

	private static double value(JsonNode data) {
		return Double.parseDouble(data.path("result").get(0).path("value").get(1).asString());
	}

	@Test
	@Order(3)
	void everyDashboardQueryReturnsData() {
		List<String> empty = new ArrayList<>();
		int queries = 0;
		for (Path dashboard : GrafanaFiles.dashboards()) {
			for (DashboardQuery query : DashboardQuery.of(dashboard)) {
				queries++;
				String promQl = query.expr()
					.replaceAll("\\$\\{?__(?:rate_interval|interval|range)}?", "1m")
					.replaceAll("\\$\\{?node}?", ".+");
				if (prometheus.query(promQl).path("result").isEmpty()) {
					empty.add(query.toString());
				}
			}
		}
		assertThat(queries).as("dashboard queries").isGreaterThan(30);
		assertThat(empty).as("dashboard queries that returned no data").isEmpty();
	}

	@Test
	@Order(4)
	void sealingTheClusterFiresTheSealedAndNoActiveNodeAlerts() {
		assertThat(firing("CofferSealed")).as("sealed alerts before sealing").isEmpty();
		assertThat(firing("CofferNoActiveNode")).as("no-active alert before sealing").isEmpty();
		try {
			cluster.http().put("sys/seal", null, cluster.rootToken()).requireSuccess();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Set<String> sealedInstances = new TreeSet<>();
				firing("CofferSealed")
					.forEach((alert) -> sealedInstances.add(alert.path("labels").path("instance").asString()));
				assertThat(sealedInstances).as("instances CofferSealed fires for")
					.containsExactlyInAnyOrderElementsOf(
							cluster.nodes().stream().map(PrometheusScrapeIT::hostPort).toList());
				assertThat(firing("CofferNoActiveNode")).hasSize(1);
			});
			JsonNode sealed = firing("CofferSealed").get(0);
			assertThat(sealed.path("labels").path("severity").asString()).isEqualTo("critical");
			assertThat(sealed.path("annotations").path("runbook_url").asString()).isEqualTo("docs/runbooks/sealed.md");
		}
		finally {
			cluster.unseal();
			cluster.awaitActive();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(firing("CofferSealed")).as("sealed alerts once unsealed").isEmpty();
			assertThat(firing("CofferNoActiveNode")).as("no-active alert once a node is active").isEmpty();
		});
	}

	private static List<JsonNode> firing(String alertName) {
		List<JsonNode> alerts = new ArrayList<>();
		for (JsonNode alert : prometheus.alerts()) {
			if (alertName.equals(alert.path("labels").path("alertname").asString())
					&& "firing".equals(alert.path("state").asString())) {
				alerts.add(alert);
			}
		}
		return alerts;
	}

	private static String hostPort(ServiceProcess process) {
		return process.baseUri().getHost() + ":" + process.baseUri().getPort();
	}

}
