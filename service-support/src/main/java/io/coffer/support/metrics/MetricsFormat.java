package io.coffer.support.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * The two formats of Vault's {@code GET sys/metrics}: Vault's JSON (no {@code format}) or
 * the Prometheus text exposition ({@code format=prometheus}, or no {@code format} with an
 * {@code Accept} naming OpenMetrics, as Prometheus sends it).
 */
public enum MetricsFormat {

	/** go-metrics' JSON: {@code {Timestamp, Gauges, Points, Counters, Samples}}. */
	JSON,
	/** Prometheus' text format 0.0.4. */
	PROMETHEUS;

	/** Vault's answer to a format it does not know (the value is not echoed). */
	public static final String UNKNOWN = "metric response format unknown: use \"prometheus\" or no format";

	/** The content type of the Prometheus text format. */
	public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	/**
	 * The format asked for; empty for an unknown {@code format} (Vault's 400).
	 * @param format the {@code format} query parameter, or null
	 * @param accept the {@code Accept} header, or null
	 */
	public static Optional<MetricsFormat> of(String format, String accept) {
		if (format == null || format.isEmpty()) {
			boolean openMetrics = accept != null
					&& accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
			return Optional.of(openMetrics ? PROMETHEUS : JSON);
		}
		return format.equals("prometheus") ? Optional.of(PROMETHEUS) : Optional.empty();
	}

}
