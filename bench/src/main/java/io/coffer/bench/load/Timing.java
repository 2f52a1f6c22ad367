package io.coffer.bench.load;

import java.time.Duration;

/** Warm-up (sent, not recorded) followed by the measured window. */
public record Timing(Duration warmup, Duration measured) {

	public double seconds() {
		return this.measured.toNanos() / 1e9;
	}

}
