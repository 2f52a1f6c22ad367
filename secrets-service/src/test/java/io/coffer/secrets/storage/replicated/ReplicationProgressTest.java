package io.coffer.secrets.storage.replicated;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationProgressTest {

	private static final Epoch EPOCH = new Epoch(1, 1);

	private final LogAuth auth = keyed(TestNodes.logKey());

	private final ReplicationProgress progress = new ReplicationProgress(2, this.auth);

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

	@Test
	void aForgedOrReplayedAppliedReportDoesNotCountTowardsTheMajority() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.progress.awaitMajority(new Position(EPOCH, 10), done);
		report("node1", EPOCH, 10);
		AppliedReport genuine = signed("node2", EPOCH, 12, this.auth);

		// unsigned, signed with another key, a signature moved to another position, and a
		// genuine report replayed for another member
		this.progress.receive(new AppliedReport("node2", member("node2"), new Position(EPOCH, 12)));
		this.progress.receive(signed("node2", EPOCH, 12, keyed(TestNodes.otherKey())));
		this.progress.receive(new AppliedReport("node2", member("node2"), new Position(EPOCH, 13), genuine.mac()));
		this.progress.receive(new AppliedReport("node2", member("attacker"), new Position(EPOCH, 12), genuine.mac()));
		assertThat(done).isNotDone();
		assertThat(this.progress.reports()).extracting(AppliedReport::nodeId).containsExactly("node1");

		this.progress.receive(genuine);
		assertThat(done).isCompleted();
	}

	@Test
	void rightAfterInitTheOnlyKeyHolderAcknowledgesAloneUntilAnotherNodeProvesTheKey() {
		LogAuth created = new LogAuth();
		created.useNew(TestNodes.logKey());
		// sys/init unseals with the key it just created: still the only holder
		created.use(TestNodes.logKey());
		ReplicationProgress progress = new ReplicationProgress(2, created);
		CompletableFuture<Void> initWrite = new CompletableFuture<>();
		progress.onReport(signed("node1", EPOCH, 5, created));
		progress.awaitMajority(new Position(EPOCH, 5), initWrite);
		assertThat(initWrite).isCompleted();

		// a forged report does not end it; a genuine one from another node does
		progress.receive(signed("node2", EPOCH, 5, keyed(TestNodes.otherKey())));
		assertThat(created.alone()).isTrue();
		assertThat(progress.receive(signed("node2", EPOCH, 5, created))).isTrue();
		created.peerHasKey();
		CompletableFuture<Void> later = new CompletableFuture<>();
		progress.onReport(signed("node1", EPOCH, 7, created));
		progress.awaitMajority(new Position(EPOCH, 7), later);
		assertThat(later).isNotDone();
	}

	private static AppliedReport signed(String node, Epoch epoch, long index, LogAuth auth) {
		return new AppliedReport(node, member(node), new Position(epoch, index)).signed(auth);
	}

	private static UUID member(String node) {
		return UUID.nameUUIDFromBytes(node.getBytes());
	}

	private static LogAuth keyed(io.coffer.secrets.storage.LogMac key) {
		LogAuth auth = new LogAuth();
		auth.use(key);
		return auth;
	}

	private void report(String node, Epoch epoch, long index) {
		this.progress
			.onReport(new AppliedReport(node, UUID.nameUUIDFromBytes(node.getBytes()), new Position(epoch, index)));
	}

}
