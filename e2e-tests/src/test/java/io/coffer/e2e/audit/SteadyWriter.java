package io.coffer.e2e.audit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;

/**
 * KV writes at a steady rate on one thread, counting what was served and what was
 * refused, while a test breaks something around them.
 */
public final class SteadyWriter implements AutoCloseable {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger served = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private SteadyWriter() {
	}

	/**
	 * Starts writing {@code perSecond} times a second to {@code pathPrefix + (n % 10)}.
	 */
	public static SteadyWriter start(VaultHttp http, String token, String pathPrefix, int perSecond) {
		SteadyWriter writer = new SteadyWriter();
		AtomicInteger n = new AtomicInteger();
		writer.executor.scheduleAtFixedRate(() -> {
			int i = n.getAndIncrement();
			try {
				VaultReply reply = http.post(pathPrefix + (i % 10), Map.of("data", Map.of("n", i)), token);
				(reply.status() == 200 ? writer.served : writer.refused).incrementAndGet();
			}
			catch (RuntimeException ex) {
				writer.refused.incrementAndGet();
			}
		}, 0, Duration.ofSeconds(1).toNanos() / perSecond, TimeUnit.NANOSECONDS);
		return writer;
	}

	/** Stops writing, waiting for the write in flight. */
	public void stop() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

	public int served() {
		return this.served.get();
	}

	public int refused() {
		return this.refused.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

}
