package io.coffer.secrets.snapshotauto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.secrets.http.NodeClient;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.support.snapshot.SnapshotWriter;
import io.coffer.support.snapshot.StateWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * snapshot-service's internal endpoints on an unsealed single node over real HTTP (real
 * RocksDB replica), signed as caller {@code snapshot} with the TEST "other" key: the
 * configurations behind the barrier, the check-and-set tick claim, the status, the
 * streamed snapshot and its verification (every barrier entry decrypts), and that no
 * other caller reaches them.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "coffer.identity.callers.snapshot.keys=src/test/resources/identity/test-only-other-key.pub.pem",
				"coffer.identity.callers.audit.keys=src/test/resources/identity/test-only-other-key.pub.pem" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotAutoApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final IdentitySigner SNAPSHOT_SIGNER = signer(SnapshotAutoPaths.CALLER);

	private static final IdentitySigner AUDIT_SIGNER = signer("audit");

	@LocalServerPort
	int port;

	@TempDir
	Path dir;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void unsealed() {
		NodeClient root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		assertThat(root.call("PUT", "sys/mounts/kv", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(root.call("PUT", "kv/app", Map.of("password", "hunter2")).status()).isEqualTo(204);
	}

	@Test
	void aConfigIsStoredListedReadAndDeleted() throws IOException {
		Map<String, Object> config = Map.of("interval", 3600, "storage_type", "local", "path_prefix", "/backups");

		assertThat(call("PUT", one("daily"), Map.of("config", config, "claimedTick", 7)).statusCode()).isEqualTo(204);

		assertThat(JSON.readValue(call("GET", SnapshotAutoPaths.CONFIGS, null).body(), List.class)).contains("daily");
		Map<?, ?> entry = JSON.readValue(call("GET", one("daily"), null).body(), Map.class);
		assertThat(entry.get("config")).isEqualTo(config);
		assertThat(entry.get("claimedTick")).isEqualTo(7);
		assertThat(call("DELETE", one("daily"), null).statusCode()).isEqualTo(204);
		assertThat(call("GET", one("daily"), null).statusCode()).isEqualTo(404);
		assertThat(JSON.readValue(call("GET", SnapshotAutoPaths.CONFIGS, null).body(), List.class))
			.doesNotContain("daily");
	}

	@Test
	void aTickIsGrantedOnceAndNeverAnEarlierOne() throws IOException {
		put("cas", 10);

		assertThat(claim("cas", 11)).containsEntry("granted", true).containsEntry("tick", 11);
		assertThat(claim("cas", 11)).containsEntry("granted", false).containsEntry("tick", 11);
		assertThat(claim("cas", 9)).containsEntry("granted", false).containsEntry("tick", 11);
		assertThat(claim("cas", 12)).containsEntry("granted", true);
	}

	@Test
	void concurrentClaimsOfOneTickGrantItToExactlyOne() throws Exception {
		put("race", 0);
		List<Callable<Map<String, Object>>> claims = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			claims.add(() -> claim("race", 1));
		}
		List<Map<String, Object>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<Map<String, Object>> answer : pool.invokeAll(claims)) {
				answers.add(answer.get());
			}
		}
		assertThat(answers).filteredOn((answer) -> Boolean.TRUE.equals(answer.get("granted"))).hasSize(1);
	}

	@Test
	void theStatusIsKeptWhenTheConfigChangesAndAClaimOfAnUnknownConfigIs404() throws IOException {
		put("kept", 0);
		Map<String, Object> status = Map.of("consecutive_errors", 2, "last_snapshot_error", "disk full");
		assertThat(call("PUT", one("kept") + SnapshotAutoPaths.STATUS_SUFFIX, status).statusCode()).isEqualTo(204);

		put("kept", 3);

		Map<?, ?> entry = JSON.readValue(call("GET", one("kept"), null).body(), Map.class);
		assertThat(entry.get("status")).isEqualTo(status);
		assertThat(entry.get("claimedTick")).isEqualTo(3);
		assertThat(call("POST", one("missing") + SnapshotAutoPaths.CLAIM_SUFFIX, Map.of("tick", 1, "granted", false))
			.statusCode()).isEqualTo(404);
		assertThat(call("PUT", one("bad%2Fname"), Map.of("config", Map.of("a", 1), "claimedTick", 0)).statusCode())
			.isIn(400, 404);
	}

	@Test
	void theSnapshotStreamsAVerifiableArchive() throws Exception {
		HttpResponse<Path> response = this.http.send(
				request("GET", SnapshotAutoPaths.SNAPSHOT, null, SNAPSHOT_SIGNER).build(),
				HttpResponse.BodyHandlers.ofFile(this.dir.resolve("auto.snap")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length"))
			.hasValue(String.valueOf(Files.size(response.body())));
		assertThat(SnapshotReader.verify(response.body()).entryCount()).isPositive();
	}

	@Test
	void aSnapshotVerifiesWithEveryBarrierEntryDecrypted() throws Exception {
		Path archive = snapshot("verified.snap");

		HttpResponse<String> response = verify(archive);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> verification = JSON.readValue(response.body(), Map.class);
		long entries = ((Number) verification.get("entryCount")).longValue();
		long decrypted = ((Number) verification.get("decryptedEntries")).longValue();
		// the keyring, the seal configuration and the protected root key (Shamir: no
		// recovery key check)
		assertThat(verification.get("sealRecords")).isEqualTo(3);
		assertThat(decrypted).isPositive().isEqualTo(entries - 3);
		assertThat(verification.get("keyringTerm")).isEqualTo(1);
	}

	@Test
	void aSnapshotWithOneDamagedEntryFailsVerificationNamingTheEntryNotItsValue() throws Exception {
		// checksums recomputed: only decryption can tell
		Path damaged = rewritten(snapshot("damaged.snap"), "core/mounts", (value) -> {
			byte[] copy = value.clone();
			copy[copy.length - 1] ^= 1;
			return copy;
		});

		HttpResponse<String> response = verify(damaged);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readValue(response.body(), Map.class)).isEqualTo(
				Map.of("errors", List.of("snapshot entries do not decrypt: integrity check failed for core/mounts")));
	}

	@Test
	void aSnapshotWhoseKeyringDoesNotOpenFailsVerification() throws Exception {
		Path foreign = rewritten(snapshot("foreign.snap"), "core/keyring", (value) -> new byte[value.length]);

		HttpResponse<String> response = verify(foreign);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.contains("snapshot entries do not decrypt: the keyring does not open with this cluster's root key");
	}

	@Test
	void aTruncatedSnapshotFailsVerification() throws Exception {
		Path archive = snapshot("truncated.snap");
		Path truncated = this.dir.resolve("truncated-half.snap");
		Files.write(truncated, Arrays.copyOf(Files.readAllBytes(archive), (int) Files.size(archive) / 2));

		HttpResponse<String> response = verify(truncated);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("snapshot");
	}

	@Test
	void otherCallersAreRefused() throws IOException {
		put("guarded", 0);
		for (String path : List.of(SnapshotAutoPaths.CONFIGS, one("guarded"), SnapshotAutoPaths.SNAPSHOT)) {
			assertThat(send(request("GET", path, null, AUDIT_SIGNER)).statusCode()).isEqualTo(403);
			assertThat(send(HttpRequest.newBuilder(uri(path)).GET()).statusCode()).isIn(401, 403);
		}
		assertThat(send(request("POST", one("guarded") + SnapshotAutoPaths.CLAIM_SUFFIX,
				Map.of("tick", 5, "granted", false), AUDIT_SIGNER))
			.statusCode()).isEqualTo(403);
		assertThat(claim("guarded", 5)).containsEntry("granted", true);
		assertThat(send(request("POST", SnapshotAutoPaths.VERIFY, Map.of(), AUDIT_SIGNER)).statusCode()).isEqualTo(403);
	}

	private Path snapshot(String name) throws Exception {
		HttpResponse<Path> response = this.http.send(
				request("GET", SnapshotAutoPaths.SNAPSHOT, null, SNAPSHOT_SIGNER).build(),
				HttpResponse.BodyHandlers.ofFile(this.dir.resolve(name)));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> verify(Path archive) throws Exception {
		return this.http.send(request("GET", SnapshotAutoPaths.VERIFY, null, SNAPSHOT_SIGNER)
			.POST(HttpRequest.BodyPublishers.ofFile(archive))
			.header("Content-Type", "application/octet-stream")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The archive with the value at {@code key} replaced, re-packed with fresh checksums
	 * and counts (so that only a decryption notices).
	 */
	private Path rewritten(Path archive, String key, UnaryOperator<byte[]> change) throws IOException {
		Path state = this.dir.resolve(archive.getFileName() + ".state");
		SnapshotManifest original;
		StateWriter writer;
		try (InputStream in = Files.newInputStream(archive); OutputStream out = Files.newOutputStream(state)) {
			writer = new StateWriter(out);
			StateWriter sink = writer;
			original = SnapshotReader.read(in,
					(entry, value) -> sink.write(entry, entry.equals(key) ? change.apply(value) : value));
			writer.flush();
		}
		SnapshotManifest manifest = new SnapshotManifest(original.formatVersion(), original.clusterId(),
				original.clusterName(), original.nodeId(), original.logEpoch(), original.logIndex(),
				original.keyringTerm(), writer.entries(), writer.sha256(), writer.size(), original.createdTime());
		Path rewritten = this.dir.resolve("rewritten-" + archive.getFileName());
		try (OutputStream out = Files.newOutputStream(rewritten)) {
			SnapshotWriter.write(out, manifest, state);
		}
		return rewritten;
	}

	private void put(String name, long tick) throws IOException {
		Map<String, Object> body = Map.of("config", Map.of("interval", 60), "claimedTick", tick);
		assertThat(call("PUT", one(name), body).statusCode()).isEqualTo(204);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> claim(String name, long tick) throws IOException {
		HttpResponse<String> response = call("POST", one(name) + SnapshotAutoPaths.CLAIM_SUFFIX,
				Map.of("tick", tick, "granted", false));
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readValue(response.body(), Map.class);
	}

	private static String one(String name) {
		return SnapshotAutoPaths.CONFIGS + "/" + name;
	}

	private HttpResponse<String> call(String method, String path, Object body) throws IOException {
		return send(request(method, path, body, SNAPSHOT_SIGNER));
	}

	private HttpRequest.Builder request(String method, String path, Object body, IdentitySigner signer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header(InternalIdentity.HEADER, signer.sign(UUID.randomUUID().toString()))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return request;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static IdentitySigner signer(String caller) {
		return new IdentitySigner(
				IdentityKeyFiles.readPair(Path.of("src/test/resources/identity/test-only-other-key.pem")),
				Clock.systemUTC(), caller);
	}

}
