package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.StorageRestore;
import io.coffer.secrets.storage.StorageSnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Restores through the log ({@code StorageSnapshots.beginRestore}): the whole state is
 * replaced on every node, all or nothing; a node that was down during the restore copies
 * the restored replica when it returns; an abandoned restore changes nothing.
 */
class StorageRestoreTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path dataDir;

	@Test
	void aRestoreReplacesTheStateOnEveryNodeAndANodeThatWasDownCatchesUp() throws Exception {
		try (TestCluster cluster = TestCluster.start(this.dataDir, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(WAIT);
			for (int i = 0; i < 200; i++) {
				active.put("kv/" + i, bytes("old-" + i));
			}
			Map<String, String> saved;
			try (StorageSnapshot view = active.openSnapshot()) {
				saved = read(view);
			}
			// the state moves on after the snapshot, with one node down
			int down = (cluster.indexOf(active) + 1) % 3;
			cluster.kill(down);
			active.put("kv/late", bytes("written after the snapshot"));
			active.delete("kv/5");
			active.put("kv/6", bytes("changed"));

			try (StorageRestore restore = active.beginRestore()) {
				saved.forEach((key, value) -> restore.put(key, bytes(value)));
				restore.commit(WAIT);
			}

			ReplicatedStorage after = cluster.awaitActive(WAIT);
			assertThat(after.get("kv/late")).isEmpty();
			assertThat(after.get("kv/5")).hasValueSatisfying((v) -> assertThat(text(v)).isEqualTo("old-5"));
			assertThat(after.get("kv/6")).hasValueSatisfying((v) -> assertThat(text(v)).isEqualTo("old-6"));
			after.put("kv/new", bytes("after the restore"));
			long index = after.appliedIndex();

			cluster.restart(down);
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(WAIT).until(() -> node.appliedIndex() >= index);
				Map<String, String> expected = new LinkedHashMap<>(saved);
				expected.put("kv/new", "after the restore");
				await().atMost(WAIT).untilAsserted(() -> assertThat(contents(node)).isEqualTo(expected));
			}
			assertThat(stagedDirs()).as("staged restores are removed once installed").isZero();
		}
	}

	/**
	 * {@code snapshot-force}: another cluster's state (its keys are {@code otherKey}) is
	 * installed with one node down; the nodes that installed it stop signing, no node
	 * serves writes with the replaced key, the followers are told to seal, and once the
	 * nodes hold the other cluster's key the log continues under it, the returning node
	 * included (it copies the restored replica).
	 */
	@Test
	void aForeignRestoreChangesTheLogKeyAcrossTheRestoreEntry() throws Exception {
		try (TestCluster cluster = TestCluster.start(this.dataDir, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(WAIT);
			for (int i = 0; i < 20; i++) {
				active.put("kv/this-cluster/" + i, bytes("replaced"));
			}
			java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
			cluster.running().forEach((node) -> node.addListener(new io.coffer.secrets.storage.HaListener() {
				@Override
				public void becameActive() {
				}

				@Override
				public void becameStandby() {
				}

				@Override
				public void foreignStateInstalled() {
					told.incrementAndGet();
				}
			}));
			int down = (cluster.indexOf(active) + 1) % 3;
			cluster.kill(down);
			Map<String, String> other = new LinkedHashMap<>();
			other.put("core/keyring", "the other cluster's keyring");
			other.put("kv/other/a", "1");

			try (StorageRestore restore = active.beginRestore()) {
				other.forEach((key, value) -> restore.put(key, bytes(value)));
				restore.commitForeign(WAIT);
			}

			await().atMost(WAIT).until(() -> told.get() == 1);
			for (ReplicatedStorage node : cluster.running()) {
				assertThat(contents(node)).isEqualTo(other);
				assertThatThrownBy(() -> node.put("kv/stale", bytes("x"))).isInstanceOf(StandbyException.class);
			}
			cluster.running().forEach((node) -> node.authenticateLog(TestNodes.otherKey()));
			ReplicatedStorage next = cluster.awaitActive(WAIT);
			next.put("kv/other/b", bytes("2"));
			other.put("kv/other/b", "2");
			long index = next.appliedIndex();

			cluster.restart(down);
			cluster.node(down).authenticateLog(TestNodes.otherKey());
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(WAIT).until(() -> node.appliedIndex() >= index);
				await().atMost(WAIT).untilAsserted(() -> assertThat(contents(node)).isEqualTo(other));
			}
		}
	}

	@Test
	void anAbandonedRestoreChangesNothingAndKeysMustComeInOrder() throws Exception {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.joinElection();
			node.awaitActive(WAIT);
			node.put("kv/a", bytes("kept"));
			long index = node.appliedIndex();
			try (StorageRestore restore = node.beginRestore()) {
				restore.put("kv/b", bytes("x"));
				assertThatThrownBy(() -> restore.put("kv/a", bytes("y"))).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("out of order");
			}
			assertThat(node.appliedIndex()).isEqualTo(index);
			assertThat(node.get("kv/a")).hasValueSatisfying((v) -> assertThat(text(v)).isEqualTo("kept"));
			assertThat(node.get("kv/b")).isEmpty();
			assertThat(stagedDirs()).isZero();
		}
	}

	@Test
	void aStandbyRefusesToRestore() {
		try (TestCluster cluster = TestCluster.start(this.dataDir, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(WAIT);
			ReplicatedStorage standby = cluster.running().stream().filter((n) -> n != active).findFirst().orElseThrow();
			assertThatThrownBy(standby::beginRestore).isInstanceOf(StandbyException.class);
		}
	}

	private Map<String, String> contents(ReplicatedStorage node) {
		try (StorageSnapshot view = node.openSnapshot()) {
			return read(view);
		}
	}

	private long stagedDirs() throws java.io.IOException {
		try (Stream<Path> paths = Files.walk(this.dataDir, 3)) {
			return paths.filter((p) -> p.getFileName().toString().startsWith("restore-")).count();
		}
	}

	private static Map<String, String> read(StorageSnapshot view) {
		Map<String, String> out = new LinkedHashMap<>();
		for (StorageSnapshot.Entry entry = view.next(); entry != null; entry = view.next()) {
			out.put(entry.key(), text(entry.value()));
		}
		return out;
	}

	private static String text(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
