package io.coffer.secrets.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.storage.NodeProperties;
import io.coffer.secrets.storage.StorageProperties;
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
 * Single-item recovery over real HTTP on an unsealed single node (real RocksDB replica
 * and loaded-snapshot database): a snapshot is saved, live data change, the snapshot is
 * loaded, its items read and recovered.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryApiTest {

	private static final String LOAD = "sys/storage/raft/snapshot-load";

	private static final String ID_HEADER = "X-Vault-Recover-Snapshot-Id";

	@LocalServerPort
	int port;

	@Autowired
	StorageProperties storageProperties;

	@Autowired
	NodeProperties node;

	@TempDir
	static Path dir;

	NodeClient root;

	Path saved;

	String snapshotId;

	@BeforeAll
	void snapshotThenChangeLiveData() throws IOException {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		ok(this.root.call("POST", "sys/mounts/kv", Map.of("type", "kv")));
		ok(this.root.call("POST", "sys/mounts/kv2", Map.of("type", "kv", "options", Map.of("version", "2"))));
		ok(this.root.call("PUT", "kv/app/db", Map.of("password", "old")));
		ok(this.root.call("PUT", "kv/app/gone", Map.of("password", "deleted later")));
		ok(this.root.call("PUT", "kv2/data/app/db", Map.of("data", Map.of("password", "v1-old"))));
		NodeClient.Download download = this.root.download("sys/storage/raft/snapshot", dir.resolve("s.snap"));
		assertThat(download.status()).isEqualTo(200);
		this.saved = download.file();
		ok(this.root.call("PUT", "kv/app/db", Map.of("password", "new")));
		ok(this.root.call("DELETE", "kv/app/gone", null));
		ok(this.root.call("PUT", "kv2/data/app/db", Map.of("data", Map.of("password", "v2-new"))));
	}

	@Test
	@Order(1)
	void aDamagedArchiveIsRefusedAndNothingIsLoaded() throws IOException {
		byte[] whole = Files.readAllBytes(this.saved);
		Path truncated = Files.write(dir.resolve("truncated.snap"), Arrays.copyOf(whole, whole.length - 100));

		NodeClient.Response refused = this.root.upload("POST", LOAD, truncated);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid snapshot");
		assertThat(this.root.call("LIST", LOAD, null).status()).isEqualTo(404);
		assertThat(loadedDir()).satisfiesAnyOf((d) -> assertThat(d).doesNotExist(),
				(d) -> assertThat(d).isEmptyDirectory());
	}

	@Test
	@Order(1)
	void anotherClustersSnapshotIsRefused() throws IOException {
		NodeClient.Response refused = this.root.upload("POST", LOAD, withForeignKeyring(this.saved));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("not taken on this cluster");
		assertThat(this.root.call("LIST", LOAD, null).status()).isEqualTo(404);
	}

	@Test
	@Order(2)
	void loadingAnswersTheSnapshotIdAndItIsListedAndReady() {
		NodeClient.Response loaded = this.root.upload("POST", LOAD, this.saved);

		assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
		this.snapshotId = (String) loaded.data().get("snapshot_id");
		assertThat(this.snapshotId).isNotBlank();
		assertThat(loaded.data()).containsEntry("status", "ready")
			.containsEntry("cluster_id", this.root.call("GET", "sys/health", null).json().get("cluster_id"))
			.containsKeys("created_at", "expires_at");
		assertThat(this.root.call("LIST", LOAD, null).data()).isEqualTo(Map.of("keys", List.of(this.snapshotId)));
		assertThat(this.root.call("GET", LOAD + "/" + this.snapshotId, null).data()).isEqualTo(loaded.data());
		assertThat(Files.isDirectory(loadedDir().resolve(this.snapshotId))).isTrue();
		NodeClient.Response second = this.root.upload("POST", LOAD, this.saved);
		assertThat(second.status()).isEqualTo(400);
		assertThat(second.body()).contains("already loaded");
	}

	@Test
	@Order(3)
	void readsWithTheSnapshotIdAnswerAsOfTheSnapshot() {
		assertThat(this.root.call("GET", "kv/app/db?read_snapshot_id=" + this.snapshotId, null).data())
			.isEqualTo(Map.of("password", "old"));
		assertThat(this.root.call("GET", "kv/app/db", null).data()).isEqualTo(Map.of("password", "new"));
		assertThat(this.root.call("LIST", "kv/app?read_snapshot_id=" + this.snapshotId, null).data())
			.isEqualTo(Map.of("keys", List.of("db", "gone")));
		assertThat(this.root.call("LIST", "kv/app", null).data()).isEqualTo(Map.of("keys", List.of("db")));

		Map<String, Object> v2 = this.root.call("GET", "kv2/data/app/db?read_snapshot_id=" + this.snapshotId, null)
			.data();
		assertThat(v2.get("data")).isEqualTo(Map.of("password", "v1-old"));
		assertThat(metadata(v2)).containsEntry("version", 1);
		assertThat(this.root.call("GET", "kv2/data/app/db", null).data().get("data"))
			.isEqualTo(Map.of("password", "v2-new"));
	}

	@Test
	@Order(4)
	void recoverWritesTheSnapshotsKvV1ItemBackToLiveData() {
		NodeClient recovering = client(this.root.currentToken()).header(ID_HEADER, this.snapshotId);

		assertThat(recovering.call("RECOVER", "kv/app/db", null).status()).isEqualTo(204);
		assertThat(recovering.call("PUT", "kv/app/gone", null).status()).isEqualTo(204);

		assertThat(this.root.call("GET", "kv/app/db", null).data()).isEqualTo(Map.of("password", "old"));
		assertThat(this.root.call("GET", "kv/app/gone", null).data()).isEqualTo(Map.of("password", "deleted later"));
	}

	@Test
	@Order(4)
	void recoverFromAnotherSourcePathWritesACopy() {
		NodeClient recovering = client(this.root.currentToken()).header(ID_HEADER, this.snapshotId)
			.header("X-Vault-Recover-Source-Path", "kv/app/db");

		assertThat(recovering.call("RECOVER", "kv/copy/db", null).status()).isEqualTo(204);

		assertThat(this.root.call("GET", "kv/copy/db", null).data()).isEqualTo(Map.of("password", "old"));
		NodeClient otherMount = client(this.root.currentToken()).header(ID_HEADER, this.snapshotId)
			.header("X-Vault-Recover-Source-Path", "kv2/data/app/db");
		assertThat(otherMount.call("RECOVER", "kv/copy/other", null).status()).isEqualTo(400);
		assertThat(this.root.call("GET", "kv/copy/other", null).status()).isEqualTo(404);
	}

	@Test
	@Order(4)
	void recoveringAKvV2SecretWritesTheSnapshotsVersionAsANewVersion() {
		NodeClient.Response recovered = this.root.call("PUT", "kv2/data/app/db?recover_snapshot_id=" + this.snapshotId,
				null);

		assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
		assertThat(recovered.data()).containsEntry("version", 3);
		Map<String, Object> live = this.root.call("GET", "kv2/data/app/db", null).data();
		assertThat(live.get("data")).isEqualTo(Map.of("password", "v1-old"));
		assertThat(metadata(live)).containsEntry("version", 3);
		assertThat(this.root.call("GET", "kv2/data/app/db?version=2", null).data().get("data"))
			.isEqualTo(Map.of("password", "v2-new"));
	}

	@Test
	@Order(4)
	void anItemTheSnapshotLacksIsAnErrorAndChangesNothing() {
		NodeClient recovering = client(this.root.currentToken()).header(ID_HEADER, this.snapshotId);

		NodeClient.Response absent = recovering.call("RECOVER", "kv/app/never", null);
		NodeClient.Response absentV2 = recovering.call("RECOVER", "kv2/data/app/never", null);

		assertThat(absent.status()).isEqualTo(400);
		assertThat(absent.body()).contains("no data found at kv/app/never");
		assertThat(absentV2.status()).isEqualTo(400);
		assertThat(this.root.call("GET", "kv/app/never", null).status()).isEqualTo(404);
		assertThat(this.root.call("GET", "kv2/metadata/app/never", null).status()).isEqualTo(404);
	}

	@Test
	@Order(4)
	void recoverNeedsTheRecoverCapabilityNotUpdate() {
		policy("kv-writer", "path \"kv/*\" {\n  capabilities = [\"create\", \"read\", \"update\", \"list\"]\n}\n");
		policy("kv-recoverer", "path \"kv/app/*\" {\n  capabilities = [\"recover\"]\n}\n");
		NodeClient writer = client(token("kv-writer")).header(ID_HEADER, this.snapshotId);
		NodeClient recoverer = client(token("kv-recoverer")).header(ID_HEADER, this.snapshotId);
		ok(this.root.call("PUT", "kv/app/acl", Map.of("password", "live")));

		NodeClient.Response denied = writer.call("RECOVER", "kv/app/db", null);

		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.body()).isEqualTo("{\"errors\":[\"permission denied\"]}");
		assertThat(recoverer.call("GET", "kv/app/db", null).status()).isEqualTo(403);
		assertThat(recoverer.call("RECOVER", "kv/app/gone", null).status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "sys/capabilities", Map.of("token", recoverer.currentToken(), "path", "kv/app/x"))
			.json()
			.get("capabilities")).isEqualTo(List.of("recover"));
	}

	@Test
	@Order(4)
	void anUnknownSnapshotIdIsAnErrorAndOtherEnginesAreNotServed() {
		NodeClient.Response read = this.root.call("GET", "kv/app/db?read_snapshot_id=nope", null);
		NodeClient.Response recover = client(this.root.currentToken()).header(ID_HEADER, "nope")
			.call("RECOVER", "kv/app/db", null);

		assertThat(read.status()).isEqualTo(400);
		assertThat(read.body()).contains("snapshot nope is not loaded");
		assertThat(recover.status()).isEqualTo(400);
		assertThat(this.root.call("GET", LOAD + "/nope", null).status()).isEqualTo(404);
		assertThat(this.root.call("DELETE", LOAD + "/nope", null).status()).isEqualTo(404);
		assertThat(this.root.call("GET", "cubbyhole/x?read_snapshot_id=" + this.snapshotId, null).status())
			.isEqualTo(405);
	}

	@Test
	@Order(5)
	void unloadingForgetsTheSnapshotAndDeletesItsDatabase() {
		assertThat(this.root.call("DELETE", LOAD + "/" + this.snapshotId, null).status()).isEqualTo(204);

		assertThat(this.root.call("GET", LOAD + "/" + this.snapshotId, null).status()).isEqualTo(404);
		assertThat(this.root.call("LIST", LOAD, null).status()).isEqualTo(404);
		assertThat(this.root.call("GET", "kv/app/db?read_snapshot_id=" + this.snapshotId, null).status())
			.isEqualTo(400);
		assertThat(loadedDir().resolve(this.snapshotId)).doesNotExist();
	}

	@Test
	@Order(6)
	void sealingUnloadsALoadedSnapshot() {
		NodeClient.Response loaded = this.root.upload("POST", LOAD, this.saved);
		assertThat(loaded.status()).isEqualTo(200);
		String id = (String) loaded.data().get("snapshot_id");

		assertThat(this.root.call("PUT", "sys/seal", null).status()).isEqualTo(204);

		assertThat(loadedDir().resolve(id)).doesNotExist();
	}

	private Path loadedDir() {
		return this.storageProperties.dataDirFor(this.node.id()).resolve("snapshot-loaded");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> data) {
		return (Map<String, Object>) data.get("metadata");
	}

	private void policy(String name, String hcl) {
		ok(this.root.call("PUT", "sys/policies/acl/" + name, Map.of("policy", hcl)));
	}

	private NodeClient client(String token) {
		return new NodeClient(this.root.base()).token(token);
	}

	@SuppressWarnings("unchecked")
	private String token(String policy) {
		NodeClient.Response created = this.root.call("POST", "auth/token/create",
				Map.of("policies", List.of(policy), "no_default_policy", true));
		return (String) ((Map<String, Object>) created.json().get("auth")).get("client_token");
	}

	private static void ok(NodeClient.Response response) {
		assertThat(response.status()).as(response.body()).isBetween(200, 204);
	}

	/** The same pairs with the keyring's ciphertext replaced: another cluster's keys. */
	private Path withForeignKeyring(Path snapshot) throws IOException {
		Path state = dir.resolve("foreign-state.bin");
		SnapshotManifest original;
		StateWriter writer;
		try (InputStream in = Files.newInputStream(snapshot); OutputStream out = Files.newOutputStream(state)) {
			writer = new StateWriter(out);
			original = SnapshotReader.read(in, (key, value) -> {
				byte[] stored = value;
				if (key.equals("core/keyring")) {
					stored = new byte[value.length];
					new SecureRandom().nextBytes(stored);
				}
				writer.write(key, stored);
			});
			writer.flush();
		}
		SnapshotManifest manifest = new SnapshotManifest(original.formatVersion(), "another-cluster",
				original.clusterName(), original.nodeId(), original.logEpoch(), original.logIndex(),
				original.keyringTerm(), writer.entries(), writer.sha256(), writer.size(), original.createdTime());
		Path archive = dir.resolve("foreign.snap");
		try (OutputStream out = Files.newOutputStream(archive)) {
			SnapshotWriter.write(out, manifest, state);
		}
		return archive;
	}

}
