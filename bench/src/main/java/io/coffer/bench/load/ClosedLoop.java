package io.coffer.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput: N threads, each sending its next request as soon as the previous
 * one answered. Latency is per request (there is no schedule to fall behind).
 */
public final class ClosedLoop {

	private final int threads;

	private final Timing timing;

	public ClosedLoop(int threads, Timing timing) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1");
		}
		this.threads = threads;
		this.timing = timing;
	}

	public int threads() {
		return this.threads;
	}

	public List<Stats> run(Workload workload) throws InterruptedException {
		long begin = System.nanoTime();
		long measureFrom = begin + this.timing.warmup().toNanos();
		long end = measureFrom + this.timing.measured().toNanos();
		Recording recording = new Recording(workload.kinds(), measureFrom);
		AtomicLong sequence = new AtomicLong();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < this.threads; t++) {
			workers.add(Thread.ofPlatform().name("bench-worker-" + t).start(() -> {
				long start;
				while ((start = System.nanoTime()) - end < 0) {
					OpenLoop.runStep(workload.step(sequence.getAndIncrement()), start, recording);
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return recording.stats(this.timing.seconds());
	}

}
