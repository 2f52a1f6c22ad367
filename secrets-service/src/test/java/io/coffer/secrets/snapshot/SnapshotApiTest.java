package io.coffer.secrets.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.Storage;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.support.snapshot.SnapshotWriter;
import io.coffer.support.snapshot.StateWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET sys/storage/raft/snapshot} over real HTTP on an unsealed single node (real
 * RocksDB replica): what {@code vault operator raft snapshot save} would write to its
 * file, checked with the snapshot reader.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotApiTest {

	private static final String SNAPSHOT = "sys/storage/raft/snapshot";

	@LocalServerPort
	int port;

	@Autowired
	Storage storage;

	@Autowired
	HaCluster ha;

	@TempDir
	Path dir;

	NodeClient root;

	@BeforeAll
	void initAndUnseal() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		assertThat(this.root.call("POST", "sys/mounts/kv", Map.of("type", "kv")).status()).isEqualTo(204);
	}

	@Test
	@Order(1)
	void theSnapshotHoldsEveryStoredPairAsStoredAndVerifies() throws IOException {
		Map<String, String> before = replica();
		for (int i = 0; i < 50; i++) {
			assertThat(this.root.call("PUT", "kv/app/" + i, Map.of("value", "secret-" + i)).status()).isEqualTo(204);
		}
		Map<String, String> written = replica();
		long index = this.ha.appliedIndex();

		NodeClient.Download download = this.root.download(SNAPSHOT, this.dir.resolve("a.snap"));

		assertThat(download.status()).isEqualTo(200);
		assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
		assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(Files.size(download.file())));
		Map<String, String> snapshot = new HashMap<>();
		SnapshotManifest manifest;
		try (InputStream in = Files.newInputStream(download.file())) {
			manifest = SnapshotReader.read(in, (key, value) -> snapshot.put(key, HexFormat.of().formatHex(value)));
		}
		assertThat(written.keySet()).hasSizeGreaterThanOrEqualTo(before.size() + 50);
		assertThat(snapshot).containsAllEntriesOf(written);
		assertThat(snapshot.values()).noneMatch((hex) -> hex.contains(hex("secret-1")));
		assertThat(manifest.entryCount()).isEqualTo(snapshot.size());
		assertThat(manifest.logIndex()).isGreaterThanOrEqualTo(index);
		assertThat(manifest.logEpoch()).isPositive();
		assertThat(manifest.nodeId()).isEqualTo(this.ha.nodeId());
		assertThat(manifest.clusterId()).isEqualTo(this.root.call("GET", "sys/health", null).json().get("cluster_id"));
		assertThat(manifest.keyringTerm()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void theManifestCarriesTheKeyTermAfterARotation() throws IOException {
		assertThat(this.root.call("PUT", "sys/rotate", null).status()).isEqualTo(204);
		Object term = this.root.call("GET", "sys/key-status", null).data().get("term");

		NodeClient.Download download = this.root.download(SNAPSHOT, this.dir.resolve("rotated.snap"));

		assertThat(download.status()).isEqualTo(200);
		assertThat(SnapshotReader.verify(download.file()).keyringTerm()).isEqualTo(2)
			.isEqualTo(((Number) term).longValue());
	}

	@Test
	@Order(3)
	void readOnThePathIsEnoughAndATokenWithoutItIsDenied() throws IOException {
		String policy = "path \"sys/storage/raft/snapshot\" {\n  capabilities = [\"read\"]\n}\n";
		assertThat(this.root.call("PUT", "sys/policies/acl/snapshot-taker", Map.of("policy", policy)).status())
			.isEqualTo(204);
		NodeClient taker = client(token(List.of("snapshot-taker")));
		NodeClient other = client(token(List.of("default")));

		NodeClient.Download allowed = taker.download(SNAPSHOT, this.dir.resolve("allowed.snap"));
		NodeClient.Download denied = other.download(SNAPSHOT, this.dir.resolve("denied.snap"));

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(SnapshotReader.verify(allowed.file()).entryCount()).isPositive();
		assertThat(denied.status()).isEqualTo(403);
		assertThat(Files.readString(denied.file())).isEqualTo("{\"errors\":[\"permission denied\"]}");
		assertThat(client(null).download(SNAPSHOT, this.dir.resolve("anonymous.snap")).status()).isEqualTo(403);
	}

	@Test
	@Order(4)
	void aRestoreBringsBackTheSnapshotsStateAndLaterWritesAreGone() throws IOException {
		assertThat(this.root.call("PUT", "kv/restore/me", Map.of("value", "before")).status()).isEqualTo(204);
		NodeClient.Download saved = this.root.download(SNAPSHOT, this.dir.resolve("restore.snap"));
		assertThat(saved.status()).isEqualTo(200);
		assertThat(this.root.call("PUT", "kv/restore/me", Map.of("value", "after")).status()).isEqualTo(204);
		assertThat(this.root.call("PUT", "kv/restore/later", Map.of("value", "x")).status()).isEqualTo(204);

		NodeClient.Response restored = this.root.upload("POST", SNAPSHOT, saved.file());

		assertThat(restored.status()).as(restored.body()).isEqualTo(204);
		this.root.awaitActive();
		assertThat(this.root.call("GET", "kv/restore/me", null).data()).isEqualTo(Map.of("value", "before"));
		assertThat(this.root.call("GET", "kv/restore/later", null).status()).isEqualTo(404);
		assertThat(this.root.call("PUT", "kv/restore/next", Map.of("value", "y")).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "kv/restore/next", null).data()).isEqualTo(Map.of("value", "y"));
	}

	@Test
	@Order(4)
	void aDamagedSnapshotIsRefusedAndChangesNothing() throws IOException {
		assertThat(this.root.call("PUT", "kv/damaged/check", Map.of("value", "kept")).status()).isEqualTo(204);
		NodeClient.Download saved = this.root.download(SNAPSHOT, this.dir.resolve("whole.snap"));
		byte[] whole = Files.readAllBytes(saved.file());
		Path truncated = Files.write(this.dir.resolve("truncated.snap"),
				java.util.Arrays.copyOf(whole, whole.length - 100));
		assertThat(this.root.call("PUT", "kv/damaged/check", Map.of("value", "newer")).status()).isEqualTo(204);
		long index = this.ha.appliedIndex();

		NodeClient.Response refused = this.root.upload("POST", SNAPSHOT, truncated);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid snapshot");
		assertThat(this.ha.appliedIndex()).isEqualTo(index);
		assertThat(this.root.call("GET", "kv/damaged/check", null).data()).isEqualTo(Map.of("value", "newer"));
	}

	@Test
	@Order(4)
	void anotherClustersSnapshotIsRefusedWithoutForce() throws IOException {
		NodeClient.Download saved = this.root.download(SNAPSHOT, this.dir.resolve("ours.snap"));
		Path foreign = withForeignKeyring(saved.file());
		long index = this.ha.appliedIndex();

		NodeClient.Response refused = this.root.upload("POST", SNAPSHOT, foreign);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("another cluster").contains("sys/storage/raft/snapshot-force");
		assertThat(this.ha.appliedIndex()).isEqualTo(index);
	}

	@Test
	@Order(4)
	void forcingThisClustersOwnSnapshotJustRestoresItWithUpdateOnTheForcePath() throws IOException {
		String policy = "path \"sys/storage/raft/snapshot-force\" {\n  capabilities = [\"update\"]\n}\n";
		assertThat(this.root.call("PUT", "sys/policies/acl/snapshot-forcer", Map.of("policy", policy)).status())
			.isEqualTo(204);
		NodeClient forcer = client(token(List.of("snapshot-forcer")));
		assertThat(this.root.call("PUT", "kv/force/me", Map.of("value", "before")).status()).isEqualTo(204);
		NodeClient.Download saved = this.root.download(SNAPSHOT, this.dir.resolve("force-own.snap"));
		assertThat(this.root.call("PUT", "kv/force/me", Map.of("value", "after")).status()).isEqualTo(204);
		NodeClient other = client(token(List.of("default")));
		long index = this.ha.appliedIndex();

		assertThat(other.upload("PUT", "sys/storage/raft/snapshot-force", saved.file()).status()).isEqualTo(403);
		assertThat(this.ha.appliedIndex()).isEqualTo(index);
		NodeClient.Response restored = forcer.upload("PUT", "sys/storage/raft/snapshot-force", saved.file());

		assertThat(restored.status()).as(restored.body()).isEqualTo(204);
		assertThat(this.root.call("GET", "sys/seal-status", null).json().get("sealed")).isEqualTo(false);
		this.root.awaitActive();
		assertThat(this.root.call("GET", "kv/force/me", null).data()).isEqualTo(Map.of("value", "before"));
		assertThat(this.root.call("GET", "sys/storage/raft/snapshot-force", null).status()).isEqualTo(405);
	}

	@Test
	@Order(4)
	void restoringNeedsUpdateOnThePath() throws IOException {
		String policy = "path \"sys/storage/raft/snapshot\" {\n  capabilities = [\"read\"]\n}\n";
		assertThat(this.root.call("PUT", "sys/policies/acl/snapshot-reader", Map.of("policy", policy)).status())
			.isEqualTo(204);
		NodeClient reader = client(token(List.of("snapshot-reader")));
		NodeClient.Download saved = this.root.download(SNAPSHOT, this.dir.resolve("denied-restore.snap"));
		long index = this.ha.appliedIndex();

		assertThat(reader.upload("POST", SNAPSHOT, saved.file()).status()).isEqualTo(403);
		assertThat(this.ha.appliedIndex()).isEqualTo(index);
	}

	/**
	 * A well-formed snapshot whose keyring was written under another root key: the same
	 * pairs with the keyring's ciphertext replaced.
	 */
	private Path withForeignKeyring(Path snapshot) throws IOException {
		Path state = this.dir.resolve("foreign-state.bin");
		SnapshotManifest original;
		StateWriter writer;
		try (InputStream in = Files.newInputStream(snapshot); java.io.OutputStream out = Files.newOutputStream(state)) {
			writer = new StateWriter(out);
			original = SnapshotReader.read(in, (key, value) -> {
				byte[] stored = value;
				if (key.equals("core/keyring")) {
					stored = new byte[value.length];
					new java.security.SecureRandom().nextBytes(stored);
				}
				writer.write(key, stored);
			});
			writer.flush();
		}
		SnapshotManifest manifest = new SnapshotManifest(original.formatVersion(), "another-cluster",
				original.clusterName(), original.nodeId(), original.logEpoch(), original.logIndex(),
				original.keyringTerm(), writer.entries(), writer.sha256(), writer.size(), original.createdTime());
		Path archive = this.dir.resolve("foreign.snap");
		try (java.io.OutputStream out = Files.newOutputStream(archive)) {
			SnapshotWriter.write(out, manifest, state);
		}
		return archive;
	}

	@Test
	@Order(5)
	void aSealedNodeAnswersAnErrorNeverASnapshot() throws IOException {
		assertThat(this.root.call("PUT", "sys/seal", null).status()).isEqualTo(204);

		NodeClient.Download sealed = this.root.download(SNAPSHOT, this.dir.resolve("sealed.snap"));

		assertThat(sealed.status()).isEqualTo(503);
		assertThat(Files.readString(sealed.file())).isEqualTo("{\"errors\":[\"Vault is sealed\"]}");
	}

	private NodeClient client(String token) {
		return new NodeClient(this.root.base()).token(token);
	}

	@SuppressWarnings("unchecked")
	private String token(List<String> policies) {
		NodeClient.Response created = this.root.call("POST", "auth/token/create",
				Map.of("policies", policies, "no_default_policy", !policies.contains("default")));
		return (String) ((Map<String, Object>) created.json().get("auth")).get("client_token");
	}

	/** Every stored pair of this node's replica, values in hex. */
	private Map<String, String> replica() {
		Map<String, String> out = new HashMap<>();
		walk("", out);
		return out;
	}

	private void walk(String prefix, Map<String, String> out) {
		for (String child : this.storage.list(prefix)) {
			if (child.endsWith("/")) {
				walk(prefix + child, out);
			}
			else {
				this.storage.get(prefix + child).ifPresent((v) -> out.put(prefix + child, HexFormat.of().formatHex(v)));
			}
		}
	}

	private static String hex(String text) {
		return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
