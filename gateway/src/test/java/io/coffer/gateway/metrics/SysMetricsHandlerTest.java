package io.coffer.gateway.metrics;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.gateway.error.InvalidRequestException;
import io.coffer.gateway.web.RequestIds;
import io.coffer.support.metrics.MetricsFormat;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code coffer.telemetry.unauthenticated-metrics-access} (Vault's
 * {@code unauthenticated_metrics_access}) the gateway serves {@code sys/metrics} without
 * a token and without asking any node: the handler here has no way to ask one.
 */
class SysMetricsHandlerTest {

	private final SysMetricsHandler handler = new SysMetricsHandler(null,
			new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MetricsProperties(true),
			new SysMetricsHandler.Support(Clock.systemUTC(), JsonMapper.builder().build(),
					new RequestIds(new SecureRandom())));

	@Test
	void openAccessNeedsNoTokenAndAsksNoNode() {
		ServerResponse response = this.handler.metrics(request("prometheus")).block();

		assertThat(response.statusCode().value()).isEqualTo(200);
		assertThat(response.headers().getContentType()).hasToString("text/plain;version=0.0.4;charset=utf-8");
	}

	@Test
	void openAccessStillRefusesAnUnknownFormat() {
		assertThatThrownBy(() -> this.handler.metrics(request("xml")).block())
			.isInstanceOf(InvalidRequestException.class)
			.hasMessage(MetricsFormat.UNKNOWN);
	}

	private static MockServerRequest request(String format) {
		return MockServerRequest.builder()
			.method(HttpMethod.GET)
			.uri(URI.create("http://127.0.0.1/v1/sys/metrics?format=" + format))
			.queryParam("format", format)
			.build();
	}

}
