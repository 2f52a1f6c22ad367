package io.coffer.support.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's warm-up traffic to itself: loopback {@code GET}s of a few read-only paths
 * from two clients, bounded by a count and a deadline, so the HTTP stack and the request
 * path run compiled for the first real request. Used by the secrets node's and the
 * gateway's warm-ups.
 */
public final class LoopbackRequests {

	private static final int CLIENTS = 2;

	private LoopbackRequests() {
	}

	/**
	 * Sends up to {@code requests} GETs of {@code paths} (in turn) to {@code base} until
	 * the deadline; returns how many were answered (any status). A service that cannot
	 * answer yet costs nothing but the attempt: the loop goes on until the deadline.
	 */
	public static int send(URI base, List<String> paths, int requests, long deadlineNanos) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		try (HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build()) {
			ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
			for (int c = 0; c < CLIENTS; c++) {
				clients.execute(() -> {
					int i;
					while ((i = next.getAndIncrement()) < requests && System.nanoTime() - deadlineNanos < 0) {
						HttpRequest request = HttpRequest.newBuilder(base.resolve(paths.get(i % paths.size())))
							.timeout(Duration.ofSeconds(1))
							.GET()
							.build();
						try {
							client.send(request, HttpResponse.BodyHandlers.discarding());
							answered.incrementAndGet();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
						catch (Exception ex) {
							// not answering yet: keep going until the deadline
						}
					}
				});
			}
			clients.shutdown();
			clients.awaitTermination(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000) + 2_000,
					TimeUnit.MILLISECONDS);
			clients.shutdownNow();
		}
		return answered.get();
	}

}
