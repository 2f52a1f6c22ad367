package io.coffer.gateway.metrics;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own {@code GET /v1/sys/metrics}: a token allowed by the active node to
 * read {@code sys/metrics} is required (by default), and the gateway answers with its own
 * meters, never forwarding the request to a node.
 */
class SysMetricsIT extends GatewayIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SAMPLE = Pattern
		.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? "
				+ "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");

	@Test
	void withoutATokenItIsPermissionDeniedAndNoNodeIsAsked() {
		String body = this.client.get()
			.uri("/v1/sys/metrics?format=prometheus")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(JSON.readValue(body, Map.class)).isEqualTo(Map.of("errors", List.of("permission denied")));
		assertThat(this.cluster.nodes()).allSatisfy(
				(node) -> assertThat(node.received()).filteredOn((asked) -> !asked.path().equals("/v1/sys/health"))
					.isEmpty());
	}

	@Test
	void aTokenTheActiveNodeDeniesIsPermissionDenied() {
		this.client.get()
			.uri("/v1/sys/metrics")
			.header("X-Vault-Token", FakeSecretsNode.DENIED_TOKEN)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void anAllowedTokenGetsTheGatewaysOwnSeriesInPrometheusFormat() {
		String body = this.client.get()
			.uri("/v1/sys/metrics?format=prometheus")
			.header("Authorization", "Bearer " + FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Type", (type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> samples = body.lines().filter((l) -> !l.isEmpty() && !l.startsWith("#")).toList();
		assertThat(samples).isNotEmpty().allSatisfy((line) -> assertThat(line).matches(SAMPLE));
		assertThat(body).containsPattern("(?m)^jvm_\\w+\\{[^}]*service=\"gateway\"");
		// The node was asked about read on sys/metrics, and nothing was forwarded to it.
		assertThat(this.cluster.a.received()).filteredOn((asked) -> !asked.path().equals("/v1/sys/health"))
			.singleElement()
			.satisfies((asked) -> {
				assertThat(asked.path()).isEqualTo(AuthorizeRequest.PATH);
				assertThat(asked.body()).contains("\"path\":\"sys/metrics\"").contains("\"operation\":\"read\"");
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void withoutAFormatItIsVaultsJson() {
		Map<String, Object> body = this.client.get()
			.uri("/v1/sys/metrics")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsOnlyKeys("Timestamp", "Gauges", "Points", "Counters", "Samples");
		assertThat((List<Map<String, Object>>) body.get("Gauges")).isNotEmpty()
			.allSatisfy((gauge) -> assertThat((Map<String, Object>) gauge.get("Labels")).containsEntry("service",
					"gateway"));
	}

	@Test
	void anUnknownFormatIsABadRequest() {
		this.client.get()
			.uri("/v1/sys/metrics?format=xml")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aSealedClusterAnswersItsSealedError() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);
		this.monitor.refresh().block();

		this.client.get()
			.uri("/v1/sys/metrics")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("Vault is sealed"));
	}

}
