package io.coffer.gateway.metrics;

import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code coffer.telemetry.unauthenticated-metrics-access} (Vault's
 * {@code unauthenticated_metrics_access}) the gateway serves {@code sys/metrics} without
 * a token and without asking any node.
 */
@TestPropertySource(properties = "coffer.telemetry.unauthenticated-metrics-access=true")
class UnauthenticatedSysMetricsIT extends GatewayIntegrationTest {

	@Test
	void noTokenIsNeededAndNoNodeIsAsked() {
		String body = this.client.get()
			.uri("/v1/sys/metrics?format=prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("# TYPE ");
		assertThat(this.cluster.nodes()).allSatisfy((node) -> assertThat(node.received()).isEmpty());
	}

}
