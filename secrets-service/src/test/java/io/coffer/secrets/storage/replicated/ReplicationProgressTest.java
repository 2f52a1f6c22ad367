package io.coffer.secrets.storage.replicated;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationProgressTest {

	private static final Epoch EPOCH = new Epoch(1, 1);

	private final ReplicationProgress progress = new ReplicationProgress(2);

	@Test
	void writeCompletesOnlyOnceAMajorityAppliedIt() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.progress.awaitMajority(new Position(EPOCH, 10), done);

		report("node1", EPOCH, 10);
		assertThat(done).isNotDone();
		report("node2", EPOCH, 9);
		assertThat(done).isNotDone();
		report("node2", EPOCH, 11);
		assertThat(done).isCompleted();
	}

	@Test
	void replicasOfAnotherEpochDoNotCount() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.progress.awaitMajority(new Position(EPOCH, 10), done);

		report("node1", EPOCH, 10);
		report("node2", new Epoch(1, 2), 50);
		report("node3", new Epoch(0, 0), 50);

		assertThat(done).isNotDone();
	}

	@Test
	void aWriteAlreadyAppliedByAMajorityCompletesAtOnce() {
		report("node1", EPOCH, 10);
		report("node3", EPOCH, 12);
		CompletableFuture<Void> done = new CompletableFuture<>();

		this.progress.awaitMajority(new Position(EPOCH, 10), done);

		assertThat(done).isCompleted();
	}

	private void report(String node, Epoch epoch, long index) {
		this.progress
			.onReport(new AppliedReport(node, UUID.nameUUIDFromBytes(node.getBytes()), new Position(epoch, index)));
	}

}
