package io.coffer.e2e.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which {@code .ci/run}
 * installs with promtool) on a free port, with its data in a temporary directory and its
 * output in {@code target/e2e-logs/prometheus.log}, queried through its HTTP API.
 */
public final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final Process process;

	private final URI base;

	private PrometheusServer(Process process, URI base) {
		this.process = process;
		this.base = base;
	}

	/** Starts Prometheus on {@code config} and waits until it is ready. */
	public static PrometheusServer start(Path config, Path dataDir, Path logFile) {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("prometheus", "--config.file=" + config,
				"--storage.tsdb.path=" + dataDir, "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle"));
		try {
			Files.createDirectories(logFile.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("prometheus exited " + process.exitValue() + ", see " + logFile);
				}
				return server.status("/-/ready") == 200;
			});
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("prometheus not runnable; install it with apt-get install -y prometheus "
					+ "(Debian/Ubuntu; .ci/run does this) or put a Prometheus release's binary on PATH", ex);
		}
	}

	/** {@code GET /api/v1/targets}: the active targets. */
	public JsonNode activeTargets() {
		return api("/api/v1/targets?state=active").path("activeTargets");
	}

	/** {@code GET /api/v1/rules}: the rule groups with each rule's health and state. */
	public JsonNode ruleGroups() {
		return api("/api/v1/rules").path("groups");
	}

	/** {@code GET /api/v1/alerts}: pending and firing alerts. */
	public JsonNode alerts() {
		return api("/api/v1/alerts").path("alerts");
	}

	/** An instant query's {@code data}: {@code resultType} and {@code result}. */
	public JsonNode query(String promQl) {
		return api("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
	}

	/** Every metric name Prometheus holds. */
	public List<String> metricNames() {
		List<String> names = new ArrayList<>();
		api("/api/v1/label/__name__/values").forEach((name) -> names.add(name.asString()));
		return names;
	}

	private JsonNode api(String pathAndQuery) {
		try {
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = MAPPER.readTree(response.body());
			if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
				throw new IllegalStateException(
						"prometheus answered " + response.statusCode() + " to " + pathAndQuery + ": " + body);
			}
			return body.path("data");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private int status(String path) {
		try {
			return this.client
				.send(HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
