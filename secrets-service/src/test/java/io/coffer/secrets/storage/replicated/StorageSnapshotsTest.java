package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.SnapshotUnavailableException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.storage.StorageSnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Point-in-time views of a replica ({@code StorageSnapshots}), the base of
 * {@code GET sys/storage/raft/snapshot}: complete, ordered, frozen at one position, the
 * same on a standby as on the active at the same index, and refused by a node that cannot
 * vouch for its replica.
 */
class StorageSnapshotsTest {

	@TempDir
	Path dataDir;

	@Test
	void aViewHoldsEveryKeyInOrderAndIgnoresLaterWrites() {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.awaitActive(Duration.ofSeconds(30));
			List<StorageOp> batch = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				batch.add(new StorageOp.Put("kv/" + i, bytes("v" + i)));
			}
			node.write(batch);
			node.put("sys/\u00e9t\u00e9", bytes("utf8"));
			node.delete("kv/7");
			long applied = node.appliedIndex();

			try (StorageSnapshot view = node.openSnapshot()) {
				node.put("kv/late", bytes("after the view"));
				node.delete("kv/8");
				Map<String, String> entries = read(view);

				assertThat(view.index()).isEqualTo(applied);
				assertThat(view.epoch()).isPositive();
				assertThat(entries).hasSize(300).containsEntry("kv/8", "v8").containsEntry("sys/\u00e9t\u00e9", "utf8");
				assertThat(entries).doesNotContainKeys("kv/7", "kv/late");
				assertThat(new ArrayList<>(entries.keySet())).isSortedAccordingTo(StorageSnapshotsTest::utf8Order);
			}
		}
	}

	@Test
	void aNodeThatWasNeverUnsealedRefusesInsteadOfAnEmptySnapshot() {
		try (ReplicatedStorage sealed = ReplicatedStorage.start(TestNodes.single(this.dataDir), Clock.systemUTC(),
				new SecureRandom())) {
			assertThatThrownBy(sealed::openSnapshot).isInstanceOf(SnapshotUnavailableException.class)
				.hasMessageContaining("sealed");
		}
	}

	@Test
	void aKeyedNodeWhoseReplicaDoesNotFollowTheLogYetRefuses() {
		// holds the key but never joined the election or saw an epoch: nothing to vouch
		// for
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			assertThatThrownBy(node::openSnapshot).isInstanceOf(SnapshotUnavailableException.class)
				.hasMessageContaining("does not follow the current log");
		}
	}

	@Test
	void aStandbyServesTheSameViewAsTheActiveAtTheSameIndex() {
		try (TestCluster cluster = TestCluster.start(this.dataDir, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(Duration.ofSeconds(60));
			for (int i = 0; i < 50; i++) {
				active.put("kv/" + i, bytes("v" + i));
			}
			active.delete("kv/3");
			ReplicatedStorage standby = cluster.running().stream().filter((n) -> n != active).findFirst().orElseThrow();
			long index = active.appliedIndex();
			await().atMost(Duration.ofSeconds(30)).until(() -> standby.appliedIndex() == index);

			try (StorageSnapshot fromActive = active.openSnapshot();
					StorageSnapshot fromStandby = standby.openSnapshot()) {
				assertThat(fromStandby.index()).isEqualTo(fromActive.index()).isEqualTo(index);
				assertThat(fromStandby.epoch()).isEqualTo(fromActive.epoch());
				Map<String, String> standbyEntries = read(fromStandby);
				assertThat(standbyEntries).isEqualTo(read(fromActive)).hasSize(49).doesNotContainKey("kv/3");
			}
		}
	}

	private static Map<String, String> read(StorageSnapshot view) {
		Map<String, String> out = new LinkedHashMap<>();
		for (StorageSnapshot.Entry entry = view.next(); entry != null; entry = view.next()) {
			out.put(entry.key(), new String(entry.value(), StandardCharsets.UTF_8));
		}
		return out;
	}

	private static int utf8Order(String a, String b) {
		return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
