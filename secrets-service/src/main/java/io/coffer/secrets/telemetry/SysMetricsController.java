package io.coffer.secrets.telemetry;

import java.time.Clock;

import io.coffer.secrets.http.RequestReader;
import io.coffer.secrets.http.ResponseWriter;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.support.metrics.MetricsFormat;
import io.coffer.support.metrics.VaultMetricsJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/sys/metrics} of this node, whatever its state (active, standby, sealed):
 * every meter of the node in Vault's JSON, or in Prometheus' text format with
 * {@code format=prometheus} (vault-api.md §10). The same series as
 * {@code /actuator/prometheus}; access as {@link MetricsAccess} says. It needs no
 * internal identity, so Prometheus can scrape each node on its own port; the gateway
 * answers its own {@code sys/metrics} and never forwards it here.
 */
@RestController
@EnableConfigurationProperties(TelemetryProperties.class)
class SysMetricsController {

	private final MetricsAccess access;

	private final PrometheusMeterRegistry registry;

	private final Clock clock;

	SysMetricsController(MetricsAccess access, PrometheusMeterRegistry registry, Clock clock) {
		this.access = access;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/v1/sys/metrics")
	ResponseEntity<Object> metrics(@RequestParam(name = "format", required = false) String format,
			HttpServletRequest request) {
		this.access.check(RequestReader.token(request));
		MetricsFormat chosen = MetricsFormat.of(format, request.getHeader(HttpHeaders.ACCEPT))
			.orElseThrow(() -> VaultException.badRequest(MetricsFormat.UNKNOWN));
		if (chosen == MetricsFormat.PROMETHEUS) {
			return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(MetricsFormat.PROMETHEUS_CONTENT_TYPE))
				.body(this.registry.scrape());
		}
		return ResponseWriter.json(200, VaultMetricsJson.render(this.registry, this.clock.instant()));
	}

}
