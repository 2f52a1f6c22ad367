package io.coffer.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency and error recording per kind of operation, limited to operations
 * that started inside the measured window (warm-up is sent but not recorded).
 */
final class Recording {

	private final Map<String, Kind> kinds = new LinkedHashMap<>();

	private final long measureFrom;

	Recording(List<String> kinds, long measureFromNanos) {
		kinds.forEach((k) -> this.kinds.put(k, new Kind()));
		this.measureFrom = measureFromNanos;
	}

	boolean measured(long startNanos) {
		return startNanos - this.measureFrom >= 0;
	}

	void success(String kind, long startNanos, long endNanos) {
		if (measured(startNanos)) {
			this.kinds.get(kind).recorder.recordValue(Math.max(1, (endNanos - startNanos) / 1_000));
		}
	}

	void error(String kind, long startNanos, Throwable error) {
		if (measured(startNanos)) {
			Kind k = this.kinds.get(kind);
			k.errors.incrementAndGet();
			k.firstError.compareAndSet(null, describe(error));
		}
	}

	List<Stats> stats(double seconds) {
		return this.kinds.entrySet().stream().map((e) -> e.getValue().stats(e.getKey(), seconds)).toList();
	}

	private static String describe(Throwable error) {
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static final class Kind {

		private final Recorder recorder = new Recorder(3);

		private final AtomicLong errors = new AtomicLong();

		private final AtomicReference<String> firstError = new AtomicReference<>();

		Stats stats(String name, double seconds) {
			Histogram h = this.recorder.getIntervalHistogram();
			long count = h.getTotalCount();
			return new Stats(name, count, this.errors.get(), count / seconds, ms(h.getValueAtPercentile(50)),
					ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()),
					this.firstError.get());
		}

		private static double ms(long micros) {
			return micros / 1000.0;
		}

	}

}
