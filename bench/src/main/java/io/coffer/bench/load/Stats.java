package io.coffer.bench.load;

/**
 * The figures of one kind of operation in one scenario. Latencies are in milliseconds;
 * {@code rps} counts successful operations per second of the measured window.
 */
public record Stats(String kind, long count, long errors, double rps, double p50, double p90, double p99, double max,
		String firstError) {

}
