package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Writers that keep writing unique keys to whichever node is active, and remember exactly
 * which writes were acknowledged (write() returned normally).
 */
final class LoadGenerator implements AutoCloseable {

	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final AtomicLong lastAckNanos = new AtomicLong();

	private final Map<String, Long> firstAckNanosByNode = new ConcurrentHashMap<>();

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean running = true;

	LoadGenerator(int threads, Supplier<Optional<ReplicatedStorage>> active) {
		for (int t = 0; t < threads; t++) {
			int id = t;
			this.writers.add(Thread.ofPlatform().name("load-" + t).start(() -> write(id, active)));
		}
	}

	private void write(int id, Supplier<Optional<ReplicatedStorage>> active) {
		long sequence = 0;
		while (this.running) {
			Optional<ReplicatedStorage> node = active.get();
			if (node.isEmpty()) {
				LockSupport.parkNanos(5_000_000);
				continue;
			}
			String key = "load/" + id + "/" + sequence++;
			String value = key + "@" + System.nanoTime();
			try {
				node.get().put(key, value.getBytes(StandardCharsets.UTF_8));
				this.acknowledged.put(key, value);
				long now = System.nanoTime();
				this.lastAckNanos.set(now);
				this.firstAckNanosByNode.putIfAbsent(node.get().nodeId(), now);
			}
			catch (RuntimeException ex) {
				// not acknowledged: outcome unknown or refused; the key may or may not
				// exist
				LockSupport.parkNanos(5_000_000);
			}
		}
	}

	Map<String, String> acknowledged() {
		return this.acknowledged;
	}

	/** When a write was first acknowledged by the given node. */
	Long firstAckNanos(String nodeId) {
		return this.firstAckNanosByNode.get(nodeId);
	}

	long lastAckNanos() {
		return this.lastAckNanos.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread writer : this.writers) {
			writer.join();
		}
	}

}
