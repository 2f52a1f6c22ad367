package io.coffer.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.gateway.config.RouteTableProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-owner latency histograms and retry counters: present at zero for every deployed
 * owner, then following what the routing filter reports.
 */
class OwnerMetricsTest {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final OwnerMetrics metrics = new OwnerMetrics(this.registry,
			RouteTable
				.of(List.of(URI.create("http://127.0.0.1:8210")),
						new RouteTableProperties(
								Map.of("lease",
										new RouteTableProperties.Owner(null,
												List.of(URI.create("http://127.0.0.1:8220")), null)),
								Duration.ofSeconds(5), 100)));

	@Test
	void deployedOwnersHaveTheirSeriesAtZeroBeforeAnyRequest() {
		assertThat(this.registry.scrape())
			.contains("coffer_gateway_owner_requests_seconds_count{owner=\"lease\",type=\"2xx\"} 0")
			.contains("coffer_gateway_owner_requests_seconds_count{owner=\"secrets\",type=\"2xx\"} 0")
			.contains("coffer_gateway_owner_retries_total{owner=\"lease\"} 0")
			.contains("coffer_gateway_owner_requests_seconds_bucket{owner=\"lease\",type=\"2xx\",le=");
	}

	@Test
	void requestsAreTimedByOwnerAndStatusClassAndRetriesCounted() {
		long start = System.nanoTime();
		this.metrics.record("lease", HttpStatusCode.valueOf(200), false, start);
		this.metrics.record("lease", HttpStatusCode.valueOf(403), false, start);
		this.metrics.record("secrets", null, true, start);
		this.metrics.retried("lease");

		assertThat(count("lease", "2xx")).isEqualTo(1);
		assertThat(count("lease", "4xx")).isEqualTo(1);
		assertThat(count("secrets", "error")).isEqualTo(1);
		assertThat(this.registry.get("coffer.gateway.owner.retries").tag("owner", "lease").counter().count())
			.isEqualTo(1);
	}

	private long count(String owner, String type) {
		return this.registry.get("coffer.gateway.owner.requests").tag("owner", owner).tag("type", type).timer().count();
	}

}
