package io.coffer.secrets.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault's request metrics: present at zero before any request, then counting what the
 * pipeline reports, in Prometheus' exposition with histogram buckets.
 */
class RequestMetricsTest {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final RequestMetrics metrics = new RequestMetrics(this.registry);

	@Test
	void everySeriesExistsAtZeroBeforeAnyRequest() {
		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isZero();
		assertThat(this.registry.get("vault.core.handle_login_request").timer().count()).isZero();
		assertThat(this.registry.get("vault.core.in_flight_requests").gauge().value()).isZero();
		assertThat(statusCode("500", "5xx").count()).isZero();
		assertThat(statusCode("200", "2xx").count()).isZero();
		String scrape = this.registry.scrape();
		assertThat(scrape).contains("vault_core_handle_request_seconds_count 0")
			.contains("vault_core_in_flight_requests 0")
			.contains("vault_core_response_status_code_total{code=\"503\",type=\"5xx\"} 0");
	}

	@Test
	void aFinishedRequestIsTimedAndCountedByItsStatus() {
		this.metrics.start().finish(404, false);
		this.metrics.start().finish(404, false);
		this.metrics.start().finish(200, false);

		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isEqualTo(3);
		assertThat(this.registry.get("vault.core.handle_login_request").timer().count()).isZero();
		assertThat(statusCode("404", "4xx").count()).isEqualTo(2);
		assertThat(statusCode("200", "2xx").count()).isEqualTo(1);
		assertThat(this.registry.scrape())
			.contains("vault_core_response_status_code_total{code=\"404\",type=\"4xx\"} 2");
	}

	@Test
	void aCodeNotRegisteredUpFrontGetsItsOwnSeries() {
		this.metrics.start().finish(502, false);

		assertThat(statusCode("502", "5xx").count()).isEqualTo(1);
	}

	@Test
	void aLoginIsTimedInBothTimers() {
		this.metrics.start().finish(200, true);

		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("vault.core.handle_login_request").timer().count()).isEqualTo(1);
	}

	@Test
	void aRequestIsInFlightUntilItFinishesOnce() {
		RequestMetrics.Request first = this.metrics.start();
		RequestMetrics.Request second = this.metrics.start();
		assertThat(this.registry.get("vault.core.in_flight_requests").gauge().value()).isEqualTo(2);

		first.finish(200, false);
		first.finish(200, false);
		assertThat(this.registry.get("vault.core.in_flight_requests").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isEqualTo(1);
		second.finish(200, false);
		assertThat(this.registry.get("vault.core.in_flight_requests").gauge().value()).isZero();
	}

	@Test
	void aStandbyRefusalTheGatewayRetriesCountsNoStatus() {
		this.metrics.start().finish(0, false);

		assertThat(this.registry.get("vault.core.handle_request").timer().count()).isEqualTo(1);
		assertThat(this.registry.find("vault.core.response_status_code").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void latenciesArePublishedAsHistogramBuckets() {
		this.metrics.start().finish(200, false);

		assertThat(this.registry.scrape()).contains("vault_core_handle_request_seconds_bucket{le=\"0.001\"}")
			.contains("vault_core_handle_request_seconds_bucket{le=\"+Inf\"} 1")
			.contains("vault_core_handle_login_request_seconds_bucket{le=\"+Inf\"} 0");
	}

	private Counter statusCode(String code, String type) {
		return this.registry.get("vault.core.response_status_code").tag("code", code).tag("type", type).counter();
	}

}
