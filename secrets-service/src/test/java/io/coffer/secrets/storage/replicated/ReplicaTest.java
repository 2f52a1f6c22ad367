package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.StorageOp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RocksDB replica: positions, snapshots for copying, and the crash-safe swap of a
 * copy.
 */
class ReplicaTest {

	private static final Epoch EPOCH = new Epoch(1, 9);

	@TempDir
	Path dataDir;

	@Test
	void positionIsStoredWithTheDataAndSurvivesReopening() {
		try (Replica replica = Replica.open(this.dataDir)) {
			assertThat(replica.position()).isEqualTo(Position.EMPTY);
			replica.apply(entry(1, "a", "1"));
			replica.apply(entry(2, "b", "2"));
		}
		try (Replica replica = Replica.open(this.dataDir)) {
			assertThat(replica.position()).isEqualTo(new Position(EPOCH, 2));
			assertThat(replica.list("")).containsExactly("a", "b");
		}
	}

	@Test
	void aRunOfEntriesIsAppliedInOrderAsOneDurableBatch() {
		try (Replica replica = Replica.open(this.dataDir)) {
			replica.apply(entry(1, "a", "1"));
			replica.apply(List.of(entry(2, "a", "2"), entry(3, "b", "3"), new LogEntry(EPOCH, 4, 1, null,
					List.of(new StorageOp.Delete("b"), new StorageOp.Put("c", bytes("4"))))));
		}
		try (Replica replica = Replica.open(this.dataDir)) {
			assertThat(replica.position()).isEqualTo(new Position(EPOCH, 4));
			assertThat(replica.list("")).containsExactly("a", "c");
			assertThat(replica.get("a")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("2")));
		}
	}

	@Test
	void snapshotIsConsistentAndItsDigestMatchesTheReceiversComputation() {
		try (Replica replica = Replica.open(this.dataDir)) {
			for (int i = 1; i <= 50; i++) {
				replica.apply(entry(i, "k/" + i, "v".repeat(i)));
			}
			ReplicaSnapshot snapshot = replica.snapshot();
			replica.apply(entry(51, "k/late", "not in the snapshot"));

			MessageDigest receiver = ReplicaSnapshot.sha256();
			ReplicaSnapshot.digestPosition(receiver, snapshot.position());
			List<byte[]> keys = new ArrayList<>();
			ReplicaSnapshot.Chunk chunk;
			do {
				chunk = snapshot.next(256);
				for (int i = 0; i < chunk.keys().size(); i++) {
					ReplicaSnapshot.digestPair(receiver, chunk.keys().get(i), chunk.values().get(i));
				}
				keys.addAll(chunk.keys());
			}
			while (!chunk.last());
			replica.release(snapshot);

			assertThat(snapshot.position()).isEqualTo(new Position(EPOCH, 50));
			assertThat(keys).hasSize(50);
			assertThat(MessageDigest.isEqual(receiver.digest(), chunk.digest())).isTrue();
		}
	}

	@Test
	void copiedReplicaReplacesTheLiveOneEntirely() {
		try (Replica replica = Replica.open(this.dataDir)) {
			replica.apply(entry(1, "only-here", "x"));
			try (RocksReplica incoming = replica.createIncoming()) {
				incoming.putRaw(List.of(RocksReplica.dataKey("copied")), List.of(bytes("y")));
				incoming.writePosition(new Position(new Epoch(2, 3), 70));
			}

			replica.replaceWithIncoming();

			assertThat(replica.position()).isEqualTo(new Position(new Epoch(2, 3), 70));
			assertThat(replica.list("")).containsExactly("copied");
		}
		assertThat(this.dataDir.resolve("incoming")).doesNotExist();
		assertThat(this.dataDir.resolve("replica.old")).doesNotExist();
	}

	@Test
	void aSwapInterruptedAfterTheCopyCompletedIsFinishedOnOpen() throws Exception {
		try (Replica replica = Replica.open(this.dataDir)) {
			replica.apply(entry(1, "old", "x"));
			try (RocksReplica incoming = replica.createIncoming()) {
				incoming.putRaw(List.of(RocksReplica.dataKey("new")), List.of(bytes("y")));
				incoming.writePosition(new Position(EPOCH, 9));
			}
		}
		// crash between the two renames: live moved away, complete copy not yet in place
		Files.createFile(this.dataDir.resolve("incoming").resolve("COPY-COMPLETE"));
		Files.move(this.dataDir.resolve("replica"), this.dataDir.resolve("replica.old"));

		try (Replica replica = Replica.open(this.dataDir)) {
			assertThat(replica.list("")).containsExactly("new");
			assertThat(replica.position()).isEqualTo(new Position(EPOCH, 9));
		}
	}

	@Test
	void anUnfinishedCopyIsDiscardedOnOpen() {
		try (Replica replica = Replica.open(this.dataDir)) {
			replica.apply(entry(1, "kept", "x"));
			try (RocksReplica incoming = replica.createIncoming()) {
				incoming.putRaw(List.of(RocksReplica.dataKey("partial")), List.of(bytes("y")));
			}
		}

		try (Replica replica = Replica.open(this.dataDir)) {
			assertThat(replica.list("")).containsExactly("kept");
		}
		assertThat(this.dataDir.resolve("incoming")).doesNotExist();
	}

	@Test
	void anEntryThatDoesNotFollowIsNeverApplied() throws Exception {
		Path dir = this.dataDir.resolve("runtime-less");
		try (Replica replica = Replica.open(dir)) {
			replica.apply(entry(1, "a", "1"));
			assertThat(entry(3, "c", "3").follows(replica.position())).isFalse();
			assertThat(entry(2, "b", "2").follows(replica.position())).isTrue();
		}
		assertThatThrownBy(() -> LogCodec.decode(new byte[0])).isInstanceOf(LogCodec.CorruptEntryException.class);
	}

	private static LogEntry entry(long index, String key, String value) {
		return new LogEntry(EPOCH, index, 1, null, List.of(new StorageOp.Put(key, bytes(value))));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
