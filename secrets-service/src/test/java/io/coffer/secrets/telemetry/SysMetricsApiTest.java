package io.coffer.secrets.telemetry;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.secrets.http.NodeClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node's metrics over real HTTP, from a fresh node on: Vault's series exist at zero
 * before any request (on {@code /actuator/prometheus} and {@code sys/metrics}), the
 * request pipeline counts requests by status, and {@code GET /v1/sys/metrics} answers in
 * Vault's JSON and in Prometheus' format to a token allowed to read it, without an
 * internal identity. Its own context: the counts start from a node nobody called.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.test.context=sys-metrics")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SysMetricsApiTest {

	/** A sample line of the text format: name, optional labels, value. */
	private static final Pattern SAMPLE = Pattern
		.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? "
				+ "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	NodeClient node;

	/** The same node without a token and without the gateway's identity (Prometheus). */
	NodeClient scraper;

	@BeforeAll
	void clients() {
		this.node = new NodeClient("http://127.0.0.1:" + this.port);
		this.scraper = this.node.identity(() -> null);
	}

	@Test
	@Order(1)
	void vaultSeriesExistAtZeroBeforeAnyRequest() {
		String scrape = this.scraper.raw("GET", "/actuator/prometheus").body();
		for (String series : List.of("vault_core_handle_request_seconds_count",
				"vault_core_handle_login_request_seconds_count", "vault_core_in_flight_requests",
				"vault_core_leadership_lost_count_total", "vault_core_step_down_count_total", "vault_core_active",
				"vault_core_unsealed", "vault_raft_state_leader", "vault_raft_state_candidate")) {
			assertThat(scrape)
				.containsPattern("(?m)^" + series + "\\{node=\"[^\"]+\",service=\"secrets\"\\} 0(\\.0)?$");
		}
		assertThat(scrape).containsPattern(
				"(?m)^vault_core_response_status_code_total\\{code=\"500\",node=\"[^\"]+\",service=\"secrets\",type=\"5xx\"\\} 0(\\.0)?$")
			.containsPattern("(?m)^vault_core_mount_table_num_entries\\{[^}]*type=\"auth\"[^}]*\\} 0(\\.0)?$")
			.containsPattern("(?m)^vault_autopilot_healthy\\{[^}]*\\} ")
			.containsPattern("(?m)^vault_autopilot_failure_tolerance\\{[^}]*\\} ")
			.containsPattern("(?m)^vault_raft_peers\\{[^}]*\\} ");
	}

	@Test
	@Order(2)
	void aSealedNodeRefusesSysMetricsWithoutOpenAccess() {
		NodeClient.Response sealed = this.scraper.call("GET", "sys/metrics", null);
		assertThat(sealed.status()).isEqualTo(503);
		assertThat(sealed.json()).isEqualTo(Map.of("errors", List.of("Vault is sealed")));
	}

	@Test
	@Order(3)
	void withoutAnAllowedTokenSysMetricsIsPermissionDenied() {
		this.node.initializeAndUnseal();
		assertThat(this.scraper.call("GET", "sys/metrics", null).json())
			.isEqualTo(Map.of("errors", List.of("permission denied")));
		NodeClient.Response forged = this.scraper.token("hvs.not-a-token").call("GET", "sys/metrics", null);
		assertThat(forged.status()).isEqualTo(403);
	}

	@Test
	@Order(4)
	@SuppressWarnings("unchecked")
	void vaultsJsonShapeListsGaugesCountersAndSamples() {
		NodeClient.Response answer = this.scraper.token(this.node.currentToken()).call("GET", "sys/metrics", null);
		assertThat(answer.status()).isEqualTo(200);
		Map<String, Object> body = answer.json();
		assertThat(body).containsOnlyKeys("Timestamp", "Gauges", "Points", "Counters", "Samples");
		assertThat((String) body.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC");
		List<Map<String, Object>> gauges = (List<Map<String, Object>>) body.get("Gauges");
		assertThat(gauges).filteredOn((g) -> g.get("Name").equals("vault.core.unsealed"))
			.singleElement()
			.satisfies((g) -> {
				assertThat(((Number) g.get("Value")).doubleValue()).isEqualTo(1.0);
				assertThat((Map<String, Object>) g.get("Labels")).containsEntry("service", "secrets");
			});
		assertThat((List<Map<String, Object>>) body.get("Samples"))
			.anySatisfy((s) -> assertThat(s).containsEntry("Name", "vault.core.handle_request")
				.containsKeys("Count", "Sum", "Mean", "Max"));
		assertThat((List<Map<String, Object>>) body.get("Counters"))
			.anySatisfy((c) -> assertThat(c).containsEntry("Name", "vault.core.response_status_code"));
	}

	@Test
	@Order(5)
	void prometheusFormatParsesAndTakesABearerToken() {
		NodeClient.Response answer = this.scraper.header("Authorization", "Bearer " + this.node.currentToken())
			.call("GET", "sys/metrics?format=prometheus", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
		List<String> samples = answer.body().lines().filter((l) -> !l.isEmpty() && !l.startsWith("#")).toList();
		assertThat(samples).isNotEmpty().allSatisfy((line) -> assertThat(line).matches(SAMPLE));
		assertThat(answer.body()).containsPattern("(?m)^vault_core_unsealed\\{[^}]*\\} 1(\\.0)?$")
			.contains("# TYPE vault_core_handle_request_seconds histogram");
	}

	@Test
	@Order(6)
	void anUnknownFormatIsABadRequest() {
		NodeClient.Response answer = this.scraper.token(this.node.currentToken())
			.call("GET", "sys/metrics?format=xml", null);
		assertThat(answer.status()).isEqualTo(400);
	}

	@Test
	@Order(7)
	void eachLogicalRequestIsTimedAndCountedByStatus() {
		long requests = this.registry.get("vault.core.handle_request").timer().count();
		double notFound = statusCount("404");
		double ok = statusCount("200");

		assertThat(this.node.call("GET", "sys/mounts/nowhere", null).status()).isIn(400, 404);
		assertThat(this.node.call("GET", "sys/mounts", null).status()).isEqualTo(200);

		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isEqualTo(requests + 2);
		assertThat(statusCount("200")).isEqualTo(ok + 1);
		assertThat(statusCount("404") + statusCount("400")).isGreaterThan(notFound);
		assertThat(this.registry.get("vault.core.in_flight_requests").gauge().value()).isZero();
	}

	@Test
	@Order(8)
	void mountTableCountsFollowEnabledMounts() {
		double logical = mounts("logical");
		// sys/ and cubbyhole/ are always mounted.
		assertThat(logical).isGreaterThanOrEqualTo(2);
		assertThat(this.node.call("POST", "sys/mounts/metrics-kv", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(mounts("logical")).isEqualTo(logical + 1);
		assertThat(mounts("auth")).isGreaterThanOrEqualTo(1);
	}

	@Test
	@Order(9)
	@SuppressWarnings("unchecked")
	void aPolicyGrantingReadOnSysMetricsIsEnoughAndAnyOtherIsNot() {
		assertThat(this.node
			.call("PUT", "sys/policies/acl/metrics-reader",
					Map.of("policy", "path \"sys/metrics\" { capabilities = [\"read\"] }"))
			.status()).isEqualTo(204);
		String reader = token(Map.of("policies", List.of("metrics-reader")));
		String other = token(Map.of("policies", List.of("default")));
		String limited = token(Map.of("policies", List.of("metrics-reader"), "num_uses", 5));

		assertThat(this.scraper.token(reader).call("GET", "sys/metrics?format=prometheus", null).status())
			.isEqualTo(200);
		assertThat(this.scraper.token(other).call("GET", "sys/metrics", null).status()).isEqualTo(403);
		assertThat(this.scraper.token(limited).call("GET", "sys/metrics", null).status()).isEqualTo(403);
	}

	@Test
	@Order(10)
	void routesPoliciesBarrierAndRuntimeAreExportedUnderVaultsNames() {
		String before = this.scraper.raw("GET", "/actuator/prometheus").body();
		assertThat(before).doesNotContain("vault_route_create_metrics_kv_");

		assertThat(this.node.call("PUT", "metrics-kv/app", Map.of("password", "s3cr3t-value")).status()).isEqualTo(204);
		assertThat(this.node.call("GET", "metrics-kv/app", null).status()).isEqualTo(200);
		assertThat(this.node.call("GET", "metrics-kv/?list=true", null).status()).isEqualTo(200);
		assertThat(this.node.call("DELETE", "metrics-kv/app", null).status()).isEqualTo(204);
		// KV treats a create as an update (Vault's kv does too unless a policy tells them
		// apart); cubbyhole does not.
		assertThat(this.node.call("PUT", "cubbyhole/metrics-it", Map.of("k", "v")).status()).isEqualTo(204);

		String scrape = this.scraper.raw("GET", "/actuator/prometheus").body();
		// Vault's router names: vault.route.<operation>.<mount path, / as ->, a summary
		// in ms.
		assertThat(scrape).containsPattern("(?m)^vault_route_create_cubbyhole__count\\{[^}]*\\} 1(\\.0)?$");
		for (String operation : List.of("update", "read", "list", "delete")) {
			assertThat(scrape).containsPattern("(?m)^vault_route_" + operation
					+ "_metrics_kv__count\\{node=\"[^\"]+\",service=\"secrets\"\\} 1(\\.0)?$");
			assertThat(scrape).containsPattern(
					"(?m)^vault_route_" + operation + "_metrics_kv_\\{[^}]*quantile=\"0.99\"[^}]*\\} [0-9.eE+-]+$");
		}
		assertThat(scrape).contains("# TYPE vault_route_read_metrics_kv_ summary")
			.doesNotContain("s3cr3t")
			.doesNotContainPattern("(?m)^vault_route_\\w*app");
		// Order(9) wrote a policy and read it to check the tokens.
		assertThat(count(scrape, "vault_policy_set_policy_count")).isGreaterThanOrEqualTo(1);
		assertThat(count(scrape, "vault_policy_get_policy_count")).isGreaterThanOrEqualTo(1);
		assertThat(count(scrape, "vault_barrier_put_count")).isGreaterThan(count(before, "vault_barrier_put_count"));
		assertThat(count(scrape, "vault_barrier_get_count")).isGreaterThan(count(before, "vault_barrier_get_count"));
		assertThat(count(scrape, "vault_barrier_delete_count"))
			.isGreaterThan(count(before, "vault_barrier_delete_count"));
		assertThat(count(scrape, "vault_barrier_list_count")).isGreaterThan(count(before, "vault_barrier_list_count"));
		assertThat(count(scrape, "vault_runtime_num_goroutines")).isGreaterThan(1);
		assertThat(count(scrape, "vault_runtime_alloc_bytes")).isPositive();
		assertThat(count(scrape, "vault_runtime_sys_bytes"))
			.isGreaterThanOrEqualTo(count(scrape, "vault_runtime_alloc_bytes"));
	}

	/** The value of the one series of {@code name} in a scrape of this node. */
	private static double count(String scrape, String name) {
		var sample = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(scrape);
		assertThat(sample.find()).as(name).isTrue();
		return Double.parseDouble(sample.group(1));
	}

	@SuppressWarnings("unchecked")
	private String token(Map<String, Object> request) {
		NodeClient.Response created = this.node.call("POST", "auth/token/create", request);
		assertThat(created.status()).isEqualTo(200);
		return (String) ((Map<String, Object>) created.json().get("auth")).get("client_token");
	}

	private double statusCount(String code) {
		var counter = this.registry.find("vault.core.response_status_code").tag("code", code).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double mounts(String type) {
		return this.registry.get("vault.core.mount_table.num_entries").tag("type", type).gauge().value();
	}

}
