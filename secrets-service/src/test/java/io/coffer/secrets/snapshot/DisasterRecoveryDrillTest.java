package io.coffer.secrets.snapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.stream.Stream;

import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.seal.CofferNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The disaster-recovery drill of docs/runbooks/disaster-recovery.md, end to end over HTTP
 * with real nodes (own Spring context, RocksDB replica, Hazelcast): cluster A holds data
 * and a snapshot is saved off-cluster; every node of A is lost (its data directory
 * deleted); a brand-new three-node cluster B (one Hazelcast CP group, three Spring
 * contexts in this JVM) is initialized with its own keys, refuses a damaged snapshot,
 * then restores A's snapshot with {@code snapshot-force} on its active node; every node
 * of B is sealed, opens only with A's unseal keys, and then B serves exactly A's data: KV
 * v2 versions, a policy, A's tokens (B's root token is gone), and transit decrypts A's
 * ciphertext.
 */
class DisasterRecoveryDrillTest {

	@TempDir
	Path dir;

	private final CofferNode a = new CofferNode("dr-a");

	private final List<CofferNode> b = CofferNode.cluster("dr-b", 3);

	@AfterEach
	void stop() {
		this.a.close();
		this.b.forEach(CofferNode::close);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aNewClusterRestoresALostClustersSnapshotAndOpensWithItsKeys() throws Exception {
		// cluster A: initialized with 3 key shares (2 unseal), data, a snapshot
		this.a.start(Map.of());
		Map<String, Object> initA = this.a.client()
			.call("PUT", "sys/init", Map.of("secret_shares", 3, "secret_threshold", 2))
			.json();
		List<String> keysA = (List<String>) initA.get("keys");
		String rootA = (String) initA.get("root_token");
		NodeClient clientA = this.a.client();
		clientA.call("PUT", "sys/unseal", Map.of("key", keysA.get(0)));
		clientA.call("PUT", "sys/unseal", Map.of("key", keysA.get(1)));
		NodeClient rootOnA = clientA.awaitActive().token(rootA);
		String clusterA = (String) rootOnA.call("GET", "sys/health", null).json().get("cluster_id");
		assertThat(rootOnA.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		assertThat(put(rootOnA, "secret/data/app", Map.of("data", Map.of("password", "v1")))).isEqualTo(200);
		assertThat(put(rootOnA, "secret/data/app", Map.of("data", Map.of("password", "v2")))).isEqualTo(200);
		assertThat(put(rootOnA, "sys/policies/acl/app-reader",
				Map.of("policy", "path \"secret/data/app\" {\n  capabilities = [\"read\"]\n}\n")))
			.isEqualTo(204);
		String appToken = (String) ((Map<String, Object>) rootOnA
			.call("POST", "auth/token/create", Map.of("policies", List.of("app-reader"), "no_default_policy", true))
			.json()
			.get("auth")).get("client_token");
		assertThat(rootOnA.call("POST", "sys/mounts/transit", Map.of("type", "transit")).status()).isEqualTo(204);
		assertThat(rootOnA.call("POST", "transit/keys/dr", Map.of()).status()).isIn(200, 204);
		String ciphertext = (String) rootOnA.call("POST", "transit/encrypt/dr", Map.of("plaintext", base64("payroll")))
			.data()
			.get("ciphertext");
		NodeClient.Download saved = rootOnA.download("sys/storage/raft/snapshot", this.dir.resolve("a.snap"));
		assertThat(saved.status()).isEqualTo(200);

		// every node of A is lost
		this.a.stop();
		deleteTree(this.a.dataDir());

		// a brand-new three-node cluster B with its own keys and some state of its own
		Map<String, String> members = CofferNode.members(this.b);
		this.b.stream()
			.map((node) -> CompletableFuture.runAsync(() -> node.start(members)))
			.toList()
			.forEach(CompletableFuture::join);
		Map<String, Object> initB = this.b.getFirst()
			.client()
			.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1))
			.json();
		String keyB = ((List<String>) initB.get("keys")).getFirst();
		String rootB = (String) initB.get("root_token");
		this.b.forEach((node) -> assertThat(node.client().call("PUT", "sys/unseal", Map.of("key", keyB)).status())
			.isEqualTo(200));
		NodeClient rootOnB = activeOfB().client().token(rootB);
		assertThat(rootOnB.call("POST", "sys/mounts/b-only", Map.of("type", "kv")).status()).isEqualTo(204);

		// a damaged snapshot changes nothing; the normal restore refuses another
		// cluster's
		Path truncated = Files.write(this.dir.resolve("truncated.snap"),
				Arrays.copyOf(Files.readAllBytes(saved.file()), (int) Files.size(saved.file()) - 100));
		NodeClient.Response damaged = rootOnB.upload("POST", "sys/storage/raft/snapshot-force", truncated);
		assertThat(damaged.status()).isEqualTo(400);
		assertThat(damaged.body()).contains("invalid snapshot");
		NodeClient.Response notForced = rootOnB.upload("POST", "sys/storage/raft/snapshot", saved.file());
		assertThat(notForced.status()).isEqualTo(400);
		assertThat(notForced.body()).contains("another cluster").contains("snapshot-force");
		assertThat(rootOnB.call("GET", "sys/mounts", null).data()).containsKey("b-only/");
		assertThat(sealStatus(rootOnB).get("sealed")).isEqualTo(false);

		// the forced restore: every node of B holds A's state and is sealed with A's seal
		// configuration
		NodeClient.Response forced = rootOnB.upload("POST", "sys/storage/raft/snapshot-force", saved.file());
		assertThat(forced.status()).as(forced.body()).isEqualTo(204);
		for (CofferNode node : this.b) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Boolean.TRUE.equals(sealStatus(node.client()).get("sealed")));
			assertThat(sealStatus(node.client())).containsEntry("t", 2).containsEntry("n", 3);
		}
		assertThat(rootOnB.call("GET", "secret/data/app", null).status()).isEqualTo(503);

		// B's unseal key does not open it; A's keys do, on every node
		NodeClient first = this.b.getFirst().client();
		first.call("PUT", "sys/unseal", Map.of("key", keysA.get(2)));
		assertThat(first.call("PUT", "sys/unseal", Map.of("key", keyB)).status()).isEqualTo(400);
		assertThat(sealStatus(first).get("sealed")).isEqualTo(true);
		for (CofferNode node : this.b) {
			NodeClient unsealer = node.client();
			unsealer.call("PUT", "sys/unseal", Map.of("reset", true));
			unsealer.call("PUT", "sys/unseal", Map.of("key", keysA.get(2)));
			assertThat(unsealer.call("PUT", "sys/unseal", Map.of("key", keysA.get(0))).status()).isEqualTo(200);
			assertThat(sealStatus(unsealer).get("sealed")).isEqualTo(false);
		}
		CofferNode active = activeOfB();
		NodeClient rootAOnB = active.client().token(rootA);

		// exactly A's data
		assertThat(rootAOnB.call("GET", "sys/health", null).json().get("cluster_id")).isEqualTo(clusterA);
		assertThat(kv(rootAOnB, "secret/data/app")).containsEntry("password", "v2");
		assertThat(kv(rootAOnB, "secret/data/app?version=1")).containsEntry("password", "v1");
		NodeClient app = active.client().token(appToken);
		assertThat(kv(app, "secret/data/app")).containsEntry("password", "v2");
		assertThat(app.call("GET", "sys/mounts", null).status()).isEqualTo(403);
		assertThat(active.client().token(rootB).call("GET", "sys/mounts", null).status()).isEqualTo(403);
		assertThat(rootAOnB.call("GET", "sys/mounts", null).data()).containsKeys("secret/", "transit/")
			.doesNotContainKey("b-only/");
		Object plaintext = rootAOnB.call("POST", "transit/decrypt/dr", Map.of("ciphertext", ciphertext))
			.data()
			.get("plaintext");
		assertThat(new String(Base64.getDecoder().decode((String) plaintext), StandardCharsets.UTF_8))
			.isEqualTo("payroll");
		assertThat(put(rootAOnB, "secret/data/app", Map.of("data", Map.of("password", "v3")))).isEqualTo(200);
		assertThat(kv(rootAOnB, "secret/data/app")).containsEntry("password", "v3");
	}

	/** B's active node, once there is one. */
	private CofferNode activeOfB() {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.b.stream()
				.filter((node) -> node.client().call("GET", "sys/health", null).status() == 200)
				.findFirst(), Optional::isPresent)
			.get();
	}

	private static int put(NodeClient client, String path, Object body) {
		return client.call("PUT", path, body).status();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> kv(NodeClient client, String path) {
		NodeClient.Response response = client.call("GET", path, null);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		return (Map<String, Object>) response.data().get("data");
	}

	private static Map<String, Object> sealStatus(NodeClient client) {
		return client.call("GET", "sys/seal-status", null).json();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static void deleteTree(Path root) throws java.io.IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
