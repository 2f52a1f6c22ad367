package io.coffer.bench.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fixed-rate load: request i is due at {@code begin + i / rate} whether or not earlier
 * requests have answered, and its latency is measured from that intended start. A server
 * that stalls therefore shows the stall in every request that was due meanwhile, instead
 * of silently lowering the offered rate (coordinated omission). Each request runs on its
 * own virtual thread, so slow answers never hold back the schedule.
 */
public final class OpenLoop {

	private static final long DRAIN_SECONDS = 30;

	private final double rate;

	private final Timing timing;

	public OpenLoop(double rate, Timing timing) {
		if (rate <= 0) {
			throw new IllegalArgumentException("rate must be positive");
		}
		this.rate = rate;
		this.timing = timing;
	}

	public List<Stats> run(Workload workload) throws InterruptedException {
		long begin = System.nanoTime();
		long measureFrom = begin + this.timing.warmup().toNanos();
		long end = measureFrom + this.timing.measured().toNanos();
		Recording recording = new Recording(workload.kinds(), measureFrom);
		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		try {
			for (long i = 0;; i++) {
				long due = begin + (long) (i * 1e9 / this.rate);
				if (due - end >= 0) {
					break;
				}
				awaitUntil(due);
				Workload.Step step = workload.step(i);
				executor.execute(() -> runStep(step, due, recording));
			}
		}
		finally {
			executor.shutdown();
			if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		return recording.stats(this.timing.seconds());
	}

	static void runStep(Workload.Step step, long start, Recording recording) {
		try {
			step.call().run();
			recording.success(step.kind(), start, System.nanoTime());
		}
		catch (Exception ex) {
			recording.error(step.kind(), start, ex);
		}
	}

	private static void awaitUntil(long due) {
		long left;
		while ((left = due - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}

}
