package io.coffer.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.coffer.e2e.audit.AuditLines;
import io.coffer.e2e.audit.AuditTopic;
import io.coffer.e2e.audit.StallingPeer;
import io.coffer.e2e.audit.SteadyWriter;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit devices end to end on the shared suite (real nodes, audit-service, gateway): the
 * nodes journal every request and response before serving it, audit-service delivers the
 * journals to the devices. What a Vault operator relies on: every request through the
 * gateway is in the device's output, values HMAC'd so that {@code sys/audit-hash} finds
 * them and no secret appears in clear; a device that stalls never slows requests and
 * loses nothing; audit-service being down loses nothing; tampering is found.
 */
class AuditIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static VaultHttp http;

	private static String root;

	/** How long audit-service stays down while requests go on (the issue: a minute). */
	private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("coffer.e2e.audit-outage-seconds", 60));

	private static final String KAFKA_TOPIC = "coffer-audit-it";

	/** A real Kafka broker (KRaft) in this JVM: the SIEM's side of the kafka device. */
	private static EmbeddedKafkaKraftBroker kafka;

	@TempDir
	static Path dir;

	private final List<String> enabled = new ArrayList<>();

	@BeforeAll
	static void connect() {
		http = coffer.cluster().http();
		root = coffer.cluster().rootToken();
		kafka = new EmbeddedKafkaKraftBroker(1, 3, KAFKA_TOPIC);
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.destroy();
		}
	}

	@AfterEach
	void disableTheTestsDevices() {
		this.enabled.forEach((path) -> http.delete("sys/audit/" + path, root));
	}

	@Test
	void everyRequestIsInTheFileHashedAndAuditHashFindsTheValue() throws Exception {
		Path file = dir.resolve("every-request.log");
		enable("it-file", Map.of("type", "file", "options", Map.of("file_path", file.toString())));
		String secret = "s3cr3t-" + UUID.randomUUID();

		http.post("secret/data/audit-it/app", Map.of("data", Map.of("password", secret)), root).requireSuccess();
		VaultReply read = http.get("secret/data/audit-it/app", root).requireSuccess();
		assertThat(read.json().at("/data/data/password").asString()).isEqualTo(secret);

		AuditLines lines = awaitLines(file, (all) -> all.responses("secret/data/audit-it/app").size() >= 2);
		JsonNode writeRequest = lines.requests("secret/data/audit-it/app").getFirst();
		JsonNode readResponse = lines.responses("secret/data/audit-it/app").getLast();
		String hash = auditHash("it-file", secret);
		assertThat(hash).startsWith("hmac-sha256:");
		assertThat(writeRequest.at("/request/operation").asString()).isIn("create", "update");
		assertThat(writeRequest.at("/request/data/data/password").asString()).isEqualTo(hash);
		assertThat(readResponse.at("/response/data/data/password").asString()).isEqualTo(hash);
		assertThat(writeRequest.at("/auth/client_token").asString()).startsWith("hmac-sha256:")
			.isEqualTo(auditHash("it-file", root));
		String readId = readResponse.at("/request/id").asString();
		assertThat(lines.requests("secret/data/audit-it/app")).as("the read's request entry, same request id")
			.anySatisfy((entry) -> assertThat(entry.at("/request/id").asString()).isEqualTo(readId));
		String raw = Files.readString(file);
		assertThat(raw).doesNotContain(secret).doesNotContain(root);

		JsonNode listed = http.get("sys/audit", root).requireSuccess().json();
		assertThat(listed.at("/data/it-file~1/type").asString()).isEqualTo("file");
		assertThat(listed.at("/data/it-file~1/options/file_path").asString()).isEqualTo(file.toString());
	}

	@Test
	void badConfigurationsAreRefusedAndNothingIsEnabled() throws IOException {
		Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
		VaultReply unwritable = http.put("sys/audit/it-bad",
				Map.of("type", "file", "options", Map.of("file_path", notADirectory.resolve("audit.log").toString())),
				root);
		assertThat(unwritable.status()).isEqualTo(400);
		VaultReply unknown = http.put("sys/audit/it-bad", Map.of("type", "carrier-pigeon"), root);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("carrier-pigeon");
		try (ServerSocket closed = new ServerSocket(0)) {
			int port = closed.getLocalPort();
			closed.close();
			VaultReply unreachable = http.put("sys/audit/it-bad",
					Map.of("type", "socket", "options", Map.of("address", "127.0.0.1:" + port, "socket_type", "tcp")),
					root);
			assertThat(unreachable.status()).isEqualTo(400);
		}
		assertThat(http.get("sys/audit", root).requireSuccess().json().has("it-bad/")).isFalse();

		enable("it-dup", Map.of("type", "file", "options", Map.of("file_path", dir.resolve("dup.log").toString())));
		VaultReply duplicate = http.put("sys/audit/it-dup",
				Map.of("type", "file", "options", Map.of("file_path", dir.resolve("dup2.log").toString())), root);
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(http.delete("sys/audit/never-enabled", root).status()).isEqualTo(204);
	}

	@Test
	void aStalledSocketPeerNeitherSlowsRequestsNorLosesEntries() throws Exception {
		Path file = dir.resolve("beside-the-socket.log");
		try (StallingPeer peer = StallingPeer.start()) {
			enable("it-file-beside", Map.of("type", "file", "options", Map.of("file_path", file.toString())));
			enable("it-socket", Map.of("type", "socket", "options",
					Map.of("address", "127.0.0.1:" + peer.port(), "socket_type", "tcp")));
			peer.stall();
			int requests = 1500;
			byte[] padding = new byte[1024];
			java.util.Arrays.fill(padding, (byte) 'p');
			long[] micros = new long[requests];
			for (int i = 0; i < requests; i++) {
				long start = System.nanoTime();
				http.post("secret/data/audit-it/socket-" + (i % 20),
						Map.of("data", Map.of("n", Integer.toString(i), "pad", new String(padding))), root)
					.requireSuccess();
				micros[i] = (System.nanoTime() - start) / 1000;
			}
			java.util.Arrays.sort(micros);
			long p99 = micros[requests * 99 / 100] / 1000;
			System.out.printf("AUDIT: %d writes with a socket peer that reads nothing: p50 %d ms, p99 %d ms%n",
					requests, micros[requests / 2] / 1000, p99);
			assertThat(p99).as("p99 of requests while the socket device is stalled, ms").isLessThan(500);
			// the file device is not held back by the stalled one
			awaitLines(file, (all) -> all.responses("secret/data/audit-it/socket-").size() >= requests);
			assertThat(peer.linesReceived()).as("lines the stalled peer got so far").isLessThan(2 * requests);

			peer.resume();
			await("the stalled peer gets the backlog").atMost(Duration.ofSeconds(60))
				.until(() -> AuditLines.of(peer.received())
					.responses("secret/data/audit-it/socket-")
					.size() >= requests);
			AuditLines received = AuditLines.of(peer.received());
			assertThat(received.inJournalOrder()).as("lines in each journal's order").isTrue();
			assertThat(received.requestIds("secret/data/audit-it/socket-"))
				.isEqualTo(AuditLines.of(file).requestIds("secret/data/audit-it/socket-"));
		}
	}

	@Test
	void aTamperedLineIsFoundByVerify() throws Exception {
		Path file = dir.resolve("tampered.log");
		enable("it-verify", Map.of("type", "file", "options", Map.of("file_path", file.toString())));
		for (int i = 0; i < 5; i++) {
			http.get("secret/data/audit-it/app", root);
		}
		awaitLines(file, (all) -> all.size() >= 10);
		JsonNode intact = http.post("sys/audit-verify", Map.of("device", "it-verify/"), root).requireSuccess().json();
		assertThat(intact.at("/data/ok").asBoolean()).isTrue();

		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.set(3, lines.get(3).replace("\"read\"", "\"list\""));
		Files.write(file, lines, StandardOpenOption.TRUNCATE_EXISTING);
		JsonNode broken = http.post("sys/audit-verify", Map.of("device", "it-verify/"), root).requireSuccess().json();
		assertThat(broken.at("/data/ok").asBoolean()).isFalse();
		assertThat(broken.at("/data/line").asLong()).isIn(4L, 5L);
	}

	@Test
	void killedAndDownForAMinuteAuditServiceLosesNothingAndKafkaGetsEveryEntryOnce() throws Exception {
		Path file = dir.resolve("outage.log");
		enable("it-outage", Map.of("type", "file", "options", Map.of("file_path", file.toString())));
		enable("it-kafka", Map.of("type", "kafka", "options",
				Map.of("bootstrap_servers", kafka.getBrokersAsString(), "topic", KAFKA_TOPIC)));
		String hashBefore = auditHash("it-outage", "some value");

		try (SteadyWriter writer = SteadyWriter.start(http, root, "secret/data/audit-it/outage-", 50)) {
			// kill -9 while delivery is under way
			await().atMost(Duration.ofSeconds(30))
				.until(() -> AuditLines.of(file).responses("secret/data/audit-it/outage-").size() >= 100);
			coffer.cluster().auditService().killForcibly();
			long killedAt = System.nanoTime();
			await("the outage").atMost(OUTAGE.plusSeconds(10))
				.until(() -> System.nanoTime() - killedAt > OUTAGE.toNanos());
			coffer.cluster().restartAuditService();
			writer.stop();
			System.out.printf("AUDIT: %d writes served, %d refused, while audit-service was killed and down for %d s%n",
					writer.served(), writer.refused(), OUTAGE.toSeconds());
			assertThat(writer.refused()).as("requests refused while audit-service was down").isZero();

			int expected = writer.served();
			AuditLines lines = awaitLines(file,
					(all) -> all.responses("secret/data/audit-it/outage-").size() >= expected, Duration.ofSeconds(90));
			assertThat(lines.requestIds("secret/data/audit-it/outage-")).hasSize(expected);
			assertThat(lines.inJournalOrder()).isTrue();

			List<JsonNode> records = AuditTopic.awaitRecords(kafka.getBrokersAsString(), KAFKA_TOPIC,
					(all) -> AuditLines.ofNodes(all).responses("secret/data/audit-it/outage-").size() >= expected,
					Duration.ofSeconds(90));
			AuditLines inKafka = AuditLines.ofNodes(records);
			assertThat(inKafka.duplicates()).as("entries Kafka received more than once").isEmpty();
			assertThat(inKafka.requestIds("secret/data/audit-it/outage-"))
				.isEqualTo(lines.requestIds("secret/data/audit-it/outage-"));
		}
		assertThat(http.get("sys/audit", root).requireSuccess().json().has("it-outage/")).isTrue();
		assertThat(auditHash("it-outage", "some value")).as("the device's salt survived").isEqualTo(hashBefore);
	}

	@Test
	void theLiveStreamThroughTheGatewayShowsNewEntriesToSudoTokensOnly() throws Exception {
		enable("it-stream",
				Map.of("type", "file", "options", Map.of("file_path", dir.resolve("stream.log").toString())));
		String plain = http.post("auth/token/create", Map.of("policies", List.of("default")), root)
			.requireSuccess()
			.json()
			.at("/auth/client_token")
			.asString();
		assertThat(http.get("sys/audit-stream/it-stream", plain).status()).isEqualTo(403);

		URI uri = http.baseUri().resolve("/v1/sys/audit-stream/it-stream");
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> stream = client.send(
				HttpRequest.newBuilder(uri).header("X-Vault-Token", root).header("Accept", "text/event-stream").build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(stream.statusCode()).isEqualTo(200);
		String marker = "secret/data/audit-it/stream-" + UUID.randomUUID();
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(events::add));
		try {
			http.post(marker, Map.of("data", Map.of("k", "v")), root).requireSuccess();
			String event = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (event == null && System.nanoTime() < deadline) {
				String line = events.poll(1, TimeUnit.SECONDS);
				if (line != null && line.startsWith("data:") && line.contains(marker)) {
					event = line;
				}
			}
			assertThat(event).as("an SSE event with the write's entry").isNotNull();
			assertThat(event).doesNotContain("\"k\":\"v\"");
		}
		finally {
			reader.interrupt();
			stream.body().close();
		}
	}

	private static String auditHash(String device, String input) {
		return http.post("sys/audit-hash/" + device, Map.of("input", input), root)
			.requireSuccess()
			.json()
			.at("/data/hash")
			.asString();
	}

	private void enable(String path, Map<String, Object> body) {
		http.put("sys/audit/" + path, body, root).requireSuccess();
		this.enabled.add(path);
	}

	private static AuditLines awaitLines(Path file, java.util.function.Predicate<AuditLines> done) {
		return awaitLines(file, done, Duration.ofSeconds(30));
	}

	private static AuditLines awaitLines(Path file, java.util.function.Predicate<AuditLines> done, Duration atMost) {
		AuditLines[] last = new AuditLines[1];
		await("audit lines in " + file.getFileName()).atMost(atMost).until(() -> {
			last[0] = AuditLines.of(file);
			return done.test(last[0]);
		});
		return last[0];
	}

}
