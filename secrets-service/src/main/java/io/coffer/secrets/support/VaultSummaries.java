package io.coffer.secrets.support;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Vault's latency summaries: go-metrics' {@code MeasureSince} is a summary in
 * milliseconds with the quantiles 0.5, 0.9 and 0.99, which Vault's Prometheus sink
 * exports under the bare name ({@code x{quantile="0.99"}}, {@code x_count},
 * {@code x_sum}). A Micrometer timer would be {@code x_seconds_*}, so these are
 * distribution summaries of milliseconds without a base unit: Prometheus gets Vault's
 * exact names (plus Micrometer's {@code x_max}).
 */
public final class VaultSummaries {

	private static final double NANOS_PER_MILLI = 1_000_000.0;

	private VaultSummaries() {
	}

	/** The summary {@code name}, registered (or found) in {@code registry}. */
	public static DistributionSummary milliseconds(MeterRegistry registry, String name, String description) {
		return DistributionSummary.builder(name)
			.description(description + " (milliseconds)")
			.publishPercentiles(0.5, 0.9, 0.99)
			.register(registry);
	}

	/** Records the time since {@code startNanos} ({@link System#nanoTime()}). */
	public static void recordSince(DistributionSummary summary, long startNanos) {
		summary.record((System.nanoTime() - startNanos) / NANOS_PER_MILLI);
	}

}
