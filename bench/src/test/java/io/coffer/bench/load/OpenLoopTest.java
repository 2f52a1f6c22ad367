package io.coffer.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated server that handles one request at a time in 20 ms (50/s) is offered 100/s.
 * Measured from the intended start, latencies must grow with the queue; a closed loop on
 * the same server sees only the service time. That difference is coordinated omission.
 */
class OpenLoopTest {

	private static final long SERVICE_NANOS = Duration.ofMillis(20).toNanos();

	private final ReentrantLock server = new ReentrantLock(true);

	private void serve() {
		this.server.lock();
		try {
			long until = System.nanoTime() + SERVICE_NANOS;
			while (until - System.nanoTime() > 0) {
				LockSupport.parkNanos(until - System.nanoTime());
			}
		}
		finally {
			this.server.unlock();
		}
	}

	@Test
	void anOverloadedServerShowsItsQueueInTheOpenLoopLatencies() throws InterruptedException {
		Timing timing = new Timing(Duration.ZERO, Duration.ofSeconds(1));

		Stats open = new OpenLoop(100, timing).run(Workload.of("op", (seq) -> serve())).get(0);

		assertThat(open.count()).isBetween(95L, 101L);
		assertThat(open.p99()).isGreaterThan(300);
	}

	@Test
	void aClosedLoopOnTheSameServerSeesOnlyTheServiceTime() throws InterruptedException {
		Timing timing = new Timing(Duration.ZERO, Duration.ofSeconds(1));

		Stats closed = new ClosedLoop(1, timing).run(Workload.of("op", (seq) -> serve())).get(0);

		assertThat(closed.rps()).isBetween(30.0, 55.0);
		assertThat(closed.p50()).isBetween(19.0, 40.0);
	}

	@Test
	void eachKindOfAMixIsRecordedSeparatelyWithItsErrors() throws InterruptedException {
		Workload mix = new Workload() {
			@Override
			public List<String> kinds() {
				return List.of("read", "write");
			}

			@Override
			public Step step(long seq) {
				return (seq % 10 == 0) ? new Step("write", () -> {
					throw new IllegalStateException("refused");
				}) : new Step("read", () -> {
				});
			}
		};

		List<Stats> stats = new OpenLoop(200, new Timing(Duration.ZERO, Duration.ofMillis(500))).run(mix);

		assertThat(stats).extracting(Stats::kind).containsExactly("read", "write");
		assertThat(stats.get(0).count()).isEqualTo(90);
		assertThat(stats.get(0).errors()).isZero();
		assertThat(stats.get(1).count()).isZero();
		assertThat(stats.get(1).errors()).isEqualTo(10);
		assertThat(stats.get(1).firstError()).isEqualTo("IllegalStateException: refused");
	}

}
