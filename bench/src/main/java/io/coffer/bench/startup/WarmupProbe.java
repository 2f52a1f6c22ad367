package io.coffer.bench.startup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coffer.bench.scenario.VaultWorkloads;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;

/**
 * The OpenBao mix (open loop, 9 reads : 1 write) sent from the first second on, with the
 * read and write latencies printed per second: how cold a suite that just became ready
 * (or a node that just became active) serves. Unlike the benchmark it sends no warm-up. A
 * read of a key not written yet answers 404, which counts as an answered read (it takes
 * the same path: token, ACL, mount, storage). Run by deploy/bench/startup.sh as
 * {@code java -jar coffer-bench.jar warmup-probe ...}.
 */
public final class WarmupProbe {

	static final String USAGE = """
			Usage: coffer-bench warmup-probe --init-file FILE [--address URL] [--rate N] [--seconds N] [--keys N] [--label L]
			  Sends the OpenBao mix at once (no warm-up) and prints read/write latencies per second.
			""";

	private static final long DRAIN_SECONDS = 15;

	/** As the benchmark: a request not answered in 10 s counts as an error. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private WarmupProbe() {
	}

	public static void main(String[] args) throws Exception {
		URI address = URI.create("http://127.0.0.1:8200");
		Path initFile = null;
		double rate = 500;
		int seconds = 30;
		int keys = 200;
		String label = "probe";
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : null;
			switch (args[i]) {
				case "--address" -> address = URI.create(value);
				case "--init-file" -> initFile = Path.of(value);
				case "--rate" -> rate = Double.parseDouble(value);
				case "--seconds" -> seconds = Integer.parseInt(value);
				case "--keys" -> keys = Integer.parseInt(value);
				case "--label" -> label = value;
				default -> {
					System.err.print(USAGE);
					System.exit(2);
				}
			}
			i++;
		}
		String token = token(initFile);
		warmClient(rate, keys);
		VaultHttp http = new VaultHttp(address).withToken(token).withTimeout(REQUEST_TIMEOUT);
		PerSecondLatencies reads = new PerSecondLatencies(seconds);
		PerSecondLatencies writes = new PerSecondLatencies(seconds);
		run(http, rate, seconds, keys, reads, writes);
		PerSecondLatencies.print(System.out, label, reads, writes);
		System.exit(0);
	}

	static void run(VaultHttp http, double rate, int seconds, int keys, PerSecondLatencies reads,
			PerSecondLatencies writes) throws InterruptedException {
		String value = "v".repeat(128);
		long begin = System.nanoTime();
		long end = begin + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		try {
			for (long i = 0;; i++) {
				long due = begin + (long) (i * 1e9 / rate);
				if (due - end >= 0) {
					break;
				}
				long left;
				while ((left = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(left);
				}
				long seq = i;
				int second = (int) ((due - begin) / 1_000_000_000L);
				String path = "secret/data/bench/k" + Math.floorMod(seq, keys);
				boolean write = VaultWorkloads.mixWrite(seq);
				executor.execute(() -> {
					PerSecondLatencies into = write ? writes : reads;
					try {
						if (write) {
							http.post(path, "{\"data\":{\"value\":\"" + value + "\",\"seq\":\"" + seq + "\"}}")
								.requireSuccess();
						}
						else {
							read(http, path);
						}
						into.success(second, (System.nanoTime() - due) / 1_000);
					}
					catch (Exception ex) {
						into.error(second);
					}
				});
			}
		}
		finally {
			executor.shutdown();
			if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
	}

	/**
	 * Sends the same mix for 5 s to a stub server in this JVM, so the load generator's
	 * own client is compiled before the suite is measured: the figures are the suite's,
	 * not the cold start of the client.
	 */
	private static void warmClient(double rate, int keys) throws Exception {
		HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		byte[] body = ("{\"data\":{\"data\":{\"value\":\"" + "v".repeat(128) + "\"},\"metadata\":{\"version\":1}}}")
			.getBytes(StandardCharsets.UTF_8);
		stub.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		stub.start();
		try {
			URI base = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
			run(new VaultHttp(base).withToken("warm-up").withTimeout(REQUEST_TIMEOUT), rate, 5, keys,
					new PerSecondLatencies(5), new PerSecondLatencies(5));
		}
		finally {
			stub.stop(0);
		}
	}

	private static void read(VaultHttp http, String path) {
		VaultReply reply = http.get(path);
		if (reply.status() != 404) {
			reply.requireSuccess();
		}
	}

	private static String token(Path initFile) throws Exception {
		if (initFile != null) {
			JsonNode init = JsonMapper.builder().build().readTree(Files.readString(initFile));
			return init.get("root_token").asString();
		}
		String env = System.getenv("VAULT_TOKEN");
		if (env == null || env.isBlank()) {
			System.err.print(USAGE);
			System.exit(2);
		}
		return env;
	}

}
