package io.coffer.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.coffer.e2e.dashboards.CommunityMetric;
import io.coffer.e2e.dashboards.DashboardQuery;
import io.coffer.e2e.dashboards.Exposition;
import io.coffer.e2e.dashboards.GrafanaFiles;
import io.coffer.e2e.dashboards.RecordingRule;
import io.coffer.e2e.dashboards.SuiteActivity;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The committed Grafana dashboards and the community coverage table against what the
 * suite really exports: the shared suite is scraped as a Vault user scrapes it (the
 * gateway's and every node's {@code sys/metrics?format=prometheus}, the same registry as
 * a node's {@code /actuator/prometheus} that {@code deploy/prometheus/prometheus.yml}
 * scrapes; lease-, audit- and snapshot-service's {@code /actuator/prometheus}), and every
 * metric name a dashboard query selects must be in one of the scrapes, as must every
 * community name marked {@code provided}; a name marked {@code absent} must not be (else
 * the table is out of date). A name marked {@code provided (recording rule)} exists only
 * in Prometheus: it must not be scraped (Prometheus would then hold two series of that
 * name), a rule of {@code deploy/prometheus/rules} must record it, and every name that
 * rule's expression selects must be scraped.
 */
class GrafanaDashboardsIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	@Test
	void everyDashboardQueryAndEveryProvidedCommunityMetricIsScraped() throws Exception {
		Map<String, Set<String>> scrapes = scrapeWithAnAuditDeviceDelivering();
		Set<String> scraped = new TreeSet<>();
		scrapes.values().forEach(scraped::addAll);
		Path dump = Path.of("target", "coffer-series");
		Files.createDirectories(dump);
		for (Map.Entry<String, Set<String>> scrape : scrapes.entrySet()) {
			Files.write(dump.resolve(scrape.getKey() + ".txt"), scrape.getValue());
		}

		List<String> unresolved = new ArrayList<>();
		for (Path dashboard : GrafanaFiles.dashboards()) {
			for (DashboardQuery query : DashboardQuery.of(dashboard)) {
				query.metricNames()
					.stream()
					.filter((name) -> !scraped.contains(name))
					.forEach((name) -> unresolved.add(name + " in " + query));
			}
		}
		List<String> wronglyProvided = new ArrayList<>();
		List<String> wronglyAbsent = new ArrayList<>();
		List<String> wronglyRecorded = new ArrayList<>();
		List<RecordingRule> rules = RecordingRule.all();
		for (CommunityMetric row : CommunityMetric.read(GrafanaFiles.communityMetrics())) {
			boolean exported = scraped.stream().anyMatch(row::matches);
			if (row.provided() && !exported) {
				wronglyProvided.add(row.name());
			}
			if (!row.provided() && exported) {
				wronglyAbsent.add(row.name() + " (" + row.status() + ")");
			}
			List<RecordingRule> recording = RecordingRule.recording(rules, row.name());
			if (row.recorded()) {
				if (recording.isEmpty()) {
					wronglyRecorded.add(row.name() + ": no rule records it");
				}
				recording.forEach((rule) -> rule.sources()
					.stream()
					.filter((source) -> !scraped.contains(source))
					.forEach((source) -> wronglyRecorded.add(row.name() + ": " + source + " is not scraped")));
			}
			else if (!recording.isEmpty()) {
				wronglyRecorded.add(row.name() + ": a rule records it, the table says " + row.status());
			}
		}

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(unresolved)
				.as("dashboard queries selecting a metric no process exports (see %s)", dump)
				.isEmpty();
			softly.assertThat(wronglyProvided)
				.as("community metrics marked provided that no process exports")
				.isEmpty();
			softly.assertThat(wronglyAbsent)
				.as("community metrics marked absent or recorded that are exported: mark them provided")
				.isEmpty();
			softly.assertThat(wronglyRecorded)
				.as("community metrics recorded by a rule: the rule must exist and read scraped series")
				.isEmpty();
		});
	}

	/**
	 * Scrapes each process while {@link SuiteActivity} has made every lazily created
	 * meter exist.
	 */
	private static Map<String, Set<String>> scrapeWithAnAuditDeviceDelivering() {
		CofferCluster cluster = coffer.cluster();
		VaultHttp http = cluster.http();
		String root = cluster.rootToken();
		try (SuiteActivity activity = SuiteActivity.start(cluster, "grafana-it")) {
			Map<String, Set<String>> scrapes = new LinkedHashMap<>();
			scrapes.put("gateway", Exposition.sampleNames(sysMetrics(http, root)));
			for (ServiceProcess node : cluster.nodes()) {
				scrapes.put(node.name(), Exposition.sampleNames(sysMetrics(http.at(node.baseUri()), root)));
			}
			scrapes.put("lease", Exposition.sampleNames(SuiteActivity.actuator(cluster.leaseService())));
			scrapes.put("audit", Exposition.sampleNames(SuiteActivity.actuator(cluster.auditService())));
			scrapes.put("snapshot", Exposition.sampleNames(SuiteActivity.actuator(cluster.snapshotService())));
			return scrapes;
		}
	}

	private static String sysMetrics(VaultHttp http, String token) {
		return http.get("sys/metrics?format=prometheus", token).requireSuccess().body();
	}

}
