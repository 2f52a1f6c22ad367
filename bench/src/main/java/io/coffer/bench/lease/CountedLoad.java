package io.coffer.bench.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.coffer.bench.load.Call;
import org.HdrHistogram.Recorder;

/**
 * A fixed number of operations spread over N threads, each sending its next one as soon
 * as the previous answered (closed loop), with every latency recorded: "issue 100,000
 * leases" rather than "load for 30 s".
 */
final class CountedLoad {

	private CountedLoad() {
	}

	/**
	 * Runs {@code count} operations; {@code call} gets the operation's sequence number.
	 * @return the figures, latencies in milliseconds
	 */
	static Result run(String kind, long count, int threads, SeqCall call) throws InterruptedException {
		Recorder recorder = new Recorder(3);
		AtomicLong next = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		long begin = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(Thread.ofPlatform().name("lease-bench-" + t).start(() -> {
				long seq;
				while ((seq = next.getAndIncrement()) < count) {
					long start = System.nanoTime();
					try {
						long s = seq;
						((Call) () -> call.run(s)).run();
						recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.nanoTime() - begin) / 1e9;
		var histogram = recorder.getIntervalHistogram();
		long ok = histogram.getTotalCount();
		return new Result(kind, ok, errors.get(), seconds, ok / seconds, histogram.getValueAtPercentile(50) / 1000.0,
				histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, firstError.get());
	}

	/** One operation of a counted load. */
	@FunctionalInterface
	interface SeqCall {

		void run(long seq) throws Exception;

	}

	/**
	 * What a counted load measured.
	 *
	 * @param kind what was sent
	 * @param ok successful operations
	 * @param errors failed operations
	 * @param seconds wall time of the whole load
	 * @param rate successful operations per second
	 * @param p50 median latency, ms
	 * @param p99 99th percentile latency, ms
	 * @param max slowest, ms
	 * @param firstError the first failure, or null
	 */
	record Result(String kind, long ok, long errors, double seconds, double rate, double p50, double p99, double max,
			String firstError) {

		String line() {
			return String.format("%-34s %9d ok %6d err %8.1f s %9.1f/s  p50 %7.1f ms  p99 %7.1f ms  max %8.1f ms%s",
					this.kind, this.ok, this.errors, this.seconds, this.rate, this.p50, this.p99, this.max,
					(this.firstError != null) ? "  first error: " + this.firstError : "");
		}

	}

}
