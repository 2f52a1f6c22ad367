package io.coffer.bench.snapshot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;

/**
 * Snapshot and restore of a running suite with many KV v2 secrets (issue 12's benchmark):
 * writes {@code --secrets} secrets, saves a snapshot through
 * {@code sys/storage/raft/snapshot}, verifies the file, changes a sample of the secrets,
 * restores the snapshot and reads the sample back. Prints each step's time, the size and
 * the throughput.
 *
 * <pre>
 * java -jar bench/target/coffer-bench.jar snapshots --addr http://127.0.0.1:8200 --token $VAULT_TOKEN \
 *     --secrets 100000 --threads 16 --mount secret
 * </pre>
 */
public final class SnapshotBench {

	private static final String SNAPSHOT = "sys/storage/raft/snapshot";

	private static final int SAMPLE = 1000;

	private SnapshotBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		URI address = URI.create(options.getOrDefault("--addr", env("VAULT_ADDR", "http://127.0.0.1:8200")));
		String token = options.getOrDefault("--token", env("VAULT_TOKEN", null));
		if (token == null) {
			throw new IllegalArgumentException("--token or VAULT_TOKEN is required");
		}
		int secrets = Integer.parseInt(options.getOrDefault("--secrets", "100000"));
		int threads = Integer.parseInt(options.getOrDefault("--threads", "16"));
		String mount = options.getOrDefault("--mount", "secret");
		Path dir = Files.createTempDirectory("coffer-snapshot-bench");
		VaultHttp vault = new VaultHttp(address).withToken(token).withTimeout(Duration.ofSeconds(60));

		String[] values = new String[secrets];
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < secrets; i++) {
			byte[] bytes = new byte[24];
			random.nextBytes(bytes);
			values[i] = HexFormat.of().formatHex(bytes);
		}
		long started = System.nanoTime();
		writeAll(vault, mount, values, threads);
		double writeSeconds = seconds(started);
		System.out.printf("wrote %,d KV v2 secrets in %.1f s (%,.0f writes/s, %d threads)%n", secrets, writeSeconds,
				secrets / writeSeconds, threads);

		HttpClient http = HttpClient.newHttpClient();
		Path file = dir.resolve("bench.snap");
		started = System.nanoTime();
		HttpResponse<Path> saved = http.send(request(address, token).GET().build(),
				HttpResponse.BodyHandlers.ofFile(file));
		double saveSeconds = seconds(started);
		require(saved.statusCode() == 200, "snapshot save answered " + saved.statusCode());
		long size = Files.size(file);
		System.out.printf("saved a snapshot of %,d bytes in %.2f s (%.1f MB/s)%n", size, saveSeconds,
				size / 1e6 / saveSeconds);

		started = System.nanoTime();
		SnapshotManifest manifest = SnapshotReader.verify(file);
		System.out.printf("verified it in %.2f s: %,d stored entries, state %,d bytes, log index %d%n",
				seconds(started), manifest.entryCount(), manifest.stateSize(), manifest.logIndex());

		for (int i = 0; i < Math.min(SAMPLE, secrets); i++) {
			vault.put(path(mount, i), Map.of("data", Map.of("value", "changed after the snapshot"))).requireSuccess();
		}

		started = System.nanoTime();
		HttpResponse<String> restored = http
			.send(request(address, token).header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofFile(file))
				.build(), HttpResponse.BodyHandlers.ofString());
		double restoreSeconds = seconds(started);
		require(restored.statusCode() == 204,
				"snapshot restore answered " + restored.statusCode() + ": " + restored.body());
		System.out.printf("restored it in %.2f s (%.1f MB/s)%n", restoreSeconds, size / 1e6 / restoreSeconds);

		started = System.nanoTime();
		int checked = 0;
		for (int i = 0; i < secrets; i += Math.max(1, secrets / SAMPLE)) {
			String value = readValue(vault, mount, i);
			require(values[i].equals(value), "secret " + i + " does not hold its value of the snapshot's time");
			checked++;
		}
		for (int i = 0; i < Math.min(SAMPLE, secrets); i++) {
			require(values[i].equals(readValue(vault, mount, i)), "secret " + i + " was not restored");
			checked++;
		}
		System.out.printf("read back %,d secrets after the restore in %.1f s: all hold the snapshot's values%n",
				checked, seconds(started));
		Files.deleteIfExists(file);
		Files.deleteIfExists(dir);
	}

	private static void writeAll(VaultHttp vault, String mount, String[] values, int threads) throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < values.length; i = next.getAndIncrement()) {
						vault.put(path(mount, i), Map.of("data", Map.of("value", values[i]))).requireSuccess();
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String readValue(VaultHttp vault, String mount, int i) {
		VaultReply reply = vault.get(mount + "/data/bench-snapshot/" + i).requireSuccess();
		return reply.json().path("data").path("data").path("value").asText();
	}

	private static String path(String mount, int i) {
		return mount + "/data/bench-snapshot/" + i;
	}

	private static HttpRequest.Builder request(URI address, String token) {
		return HttpRequest.newBuilder(address.resolve("/v1/" + SNAPSHOT))
			.header("X-Vault-Token", token)
			.timeout(Duration.ofMinutes(20));
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> out = new java.util.HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i]);
			}
			out.put(args[i], args[i + 1]);
		}
		return out;
	}

}
