package io.coffer.e2e.chaos;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;

import static org.awaitility.Awaitility.await;

/**
 * Concurrent KV v2 writers through the gateway, each writing its own keys one after the
 * other, remembering every write the gateway acknowledged (200) so that it can be read
 * back at the end. A write that failed or timed out has an unknown outcome and is not
 * expected to survive.
 */
public final class Writers implements AutoCloseable {

	private static final Duration PAUSE = Duration.ofMillis(100);

	private final VaultHttp http;

	private final String token;

	private final String prefix;

	private final ExecutorService pool;

	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicLong killMark = new AtomicLong(Long.MAX_VALUE);

	private final AtomicLong firstAckAfterKill = new AtomicLong(-1);

	private volatile boolean running = true;

	private Writers(VaultHttp http, String token, String prefix, int count) {
		this.http = http;
		this.token = token;
		this.prefix = prefix;
		this.pool = Executors.newFixedThreadPool(count);
		for (int i = 0; i < count; i++) {
			int writer = i;
			this.pool.execute(() -> writeUntilStopped(writer));
		}
	}

	public static Writers start(VaultHttp http, String token, String prefix, int count) {
		return new Writers(http, token, prefix, count);
	}

	private void writeUntilStopped(int writer) {
		for (long sequence = 1; this.running; sequence++) {
			String key = "w" + writer + "-" + sequence;
			String value = this.prefix + "-" + key;
			long startedAt = System.nanoTime();
			try {
				VaultReply reply = this.http.post(path(key), Map.of("data", Map.of("v", value)), this.token);
				if (reply.status() == 200) {
					this.acknowledged.put(key, value);
					// only a write sent after the kill proves that the cluster serves
					// again
					if (startedAt > this.killMark.get()) {
						this.firstAckAfterKill.compareAndSet(-1, System.nanoTime());
					}
				}
				else {
					this.failed.incrementAndGet();
				}
			}
			catch (UncheckedIOException ex) {
				this.failed.incrementAndGet();
			}
			try {
				Thread.sleep(PAUSE);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private String path(String key) {
		return "secret/data/" + this.prefix + "/" + key;
	}

	/** Remembers now as the moment of a kill; returns it (nanoTime). */
	public long markKill() {
		this.firstAckAfterKill.set(-1);
		long now = System.nanoTime();
		this.killMark.set(now);
		return now;
	}

	/**
	 * Waits for the first acknowledged write that was sent after the last
	 * {@link #markKill()}; returns the milliseconds from the mark to that
	 * acknowledgement.
	 */
	public long awaitAckAfterKill(Duration timeout, String description) {
		await(description).atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.firstAckAfterKill.get() > 0);
		return TimeUnit.NANOSECONDS.toMillis(this.firstAckAfterKill.get() - this.killMark.get());
	}

	public void awaitAcknowledged(int count, Duration timeout) {
		await(count + " acknowledged writes").atMost(timeout).until(() -> this.acknowledged.size() >= count);
	}

	public int acknowledgedCount() {
		return this.acknowledged.size();
	}

	public int failedCount() {
		return this.failed.get();
	}

	public void stop() throws InterruptedException {
		this.running = false;
		this.pool.shutdown();
		if (!this.pool.awaitTermination(60, TimeUnit.SECONDS)) {
			this.pool.shutdownNow();
		}
	}

	/**
	 * Reads every acknowledged write back (in parallel); returns those that are missing
	 * or hold another value, with what was read.
	 */
	public Map<String, String> lostWrites() throws Exception {
		Map<String, String> lost = new ConcurrentHashMap<>();
		List<String> keys = new ArrayList<>(this.acknowledged.keySet());
		ExecutorService readers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int first = i;
				done.add(readers.submit(() -> {
					for (int k = first; k < keys.size(); k += 8) {
						String key = keys.get(k);
						VaultReply read = this.http.get(path(key), this.token);
						String value = (read.status() == 200) ? read.json().get("data").get("data").get("v").asString()
								: "HTTP " + read.status();
						if (!value.equals(this.acknowledged.get(key))) {
							lost.put(key, value);
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			readers.shutdownNow();
		}
		return lost;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
