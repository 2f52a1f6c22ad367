package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.cp.IAtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.StorageOp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Three real nodes (3-member Hazelcast CP group, RocksDB each) in one JVM. */
class ReplicatedStorageClusterIT {

	private static final Duration ELECTION = Duration.ofSeconds(60);

	@TempDir
	Path root;

	@Test
	void acknowledgedWritesReachEveryReplicaAndStandbysRefuseWrites() {
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(ELECTION);

			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				long started = System.nanoTime();
				active.put("kv/" + i, bytes("value-" + i));
				latencies.add(System.nanoTime() - started);
			}
			printLatencies(latencies);

			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(Duration.ofSeconds(10)).until(() -> node.list("kv/").size() == 300);
				assertThat(node.get("kv/299")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("value-299")));
				if (node != active) {
					assertThat(node.isActive()).isFalse();
					assertThatThrownBy(() -> node.put("kv/x", bytes("no"))).isInstanceOf(StandbyException.class);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(node.activeNode())
							.hasValueSatisfying((info) -> assertThat(info.nodeId()).isEqualTo(active.nodeId())));
				}
			}
			assertThat(cluster.running()).allSatisfy((node) -> assertThat(node.haEnabled()).isTrue());
			assertThat(cluster.running().stream().filter(ReplicatedStorage::isActive)).hasSize(1);
		}
	}

	@Test
	void theActiveReadsEveryWriteItAcknowledgedWhileAFollowerLags() throws Exception {
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(ELECTION);
			ReplicatedStorage lagging = cluster.node((cluster.indexOf(active) + 1) % 3);
			// holding its apply lock stalls the follower: acknowledgements come from the
			// active and the third node only
			ReentrantLock stall = lagging.runtime().applyLock;
			stall.lock();
			try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
				List<Future<?>> done = new ArrayList<>();
				for (int w = 0; w < 4; w++) {
					String prefix = "ryw/" + w + "/";
					done.add(writers.submit(() -> {
						for (int i = 0; i < 40; i++) {
							String key = prefix + i;
							byte[] value = bytes("v" + i);
							active.put(key, value);
							assertThat(active.get(key)).as(key)
								.hasValueSatisfying((v) -> assertThat(v).isEqualTo(value));
							assertThat(active.list(prefix)).as(key).contains(String.valueOf(i));
						}
						active.delete(prefix + 0);
						assertThat(active.get(prefix + 0)).isEmpty();
					}));
				}
				for (Future<?> writer : done) {
					writer.get();
				}
				assertThat(lagging.get("ryw/0/39")).as("a stalled follower serves its stale replica").isEmpty();
			}
			finally {
				stall.unlock();
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(lagging.get("ryw/3/39")).isPresent();
				assertThat(lagging.get("ryw/3/0")).isEmpty();
				assertThat(lagging.appliedIndex()).isEqualTo(active.appliedIndex());
			});
		}
	}

	@Test
	void killingTheActiveUnderLoadLosesNoAcknowledgedWrite() throws Exception {
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			ReplicatedStorage first = cluster.awaitActive(ELECTION);
			long killedAt;
			ReplicatedStorage second;
			LoadGenerator load = new LoadGenerator(4, cluster::active);
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> load.acknowledged().size() > 200);
				killedAt = System.nanoTime();
				cluster.kill(cluster.indexOf(first));

				second = cluster.awaitActive(ELECTION);
				String newActive = second.nodeId();
				await().atMost(ELECTION).until(() -> load.firstAckNanos(newActive) != null);
				System.out.printf(
						"failover: new active %s acknowledged its first write %d ms after the active was killed%n",
						newActive, (load.firstAckNanos(newActive) - killedAt) / 1_000_000);
				int beforeMore = load.acknowledged().size();
				await().atMost(Duration.ofSeconds(20)).until(() -> load.acknowledged().size() > beforeMore + 100);
			}
			finally {
				load.close();
			}
			Map<String, String> acknowledged = Map.copyOf(load.acknowledged());

			assertThat(acknowledged).isNotEmpty();
			assertEveryAcknowledgedWritePresent(second, acknowledged);
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertEveryAcknowledgedWritePresent(node, acknowledged));
			}
		}
	}

	@Test
	void fullRestartKeepsEveryAcknowledgedWriteAndElectsANewActive() throws Exception {
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			cluster.awaitActive(ELECTION);
			LoadGenerator load = new LoadGenerator(3, cluster::active);
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> load.acknowledged().size() > 150);
				cluster.killAll();
			}
			finally {
				load.close();
			}
			Map<String, String> acknowledged = Map.copyOf(load.acknowledged());

			long restarting = System.nanoTime();
			cluster.startAll();
			ReplicatedStorage active = cluster.awaitActive(ELECTION);
			System.out.printf("full restart: %s active %d ms after all three nodes were started again%n",
					active.nodeId(), (System.nanoTime() - restarting) / 1_000_000);

			assertEveryAcknowledgedWritePresent(active, acknowledged);
			active.put("after/restart", bytes("ok"));
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertEveryAcknowledgedWritePresent(node, acknowledged);
					assertThat(node.get("after/restart")).isPresent();
				});
			}
		}
	}

	@Test
	void restartedNodeCopiesAReplicaCatchesUpAndAcknowledgesNewWrites() {
		StorageSettings.Tuning smallRing = TestNodes.fastTuning().withLogSlots(16);
		try (TestCluster cluster = TestCluster.start(this.root, 3, smallRing)) {
			ReplicatedStorage active = cluster.awaitActive(ELECTION);
			int restarted = (cluster.indexOf(active) + 1) % 3;
			int other = (cluster.indexOf(active) + 2) % 3;
			for (int i = 0; i < 10; i++) {
				active.put("early/" + i, bytes("e" + i));
			}
			cluster.kill(restarted);
			// more entries than the ring holds: the restarted node cannot replay, it must
			// copy
			for (int i = 0; i < 40; i++) {
				active.put("while-down/" + i, bytes("d" + i));
			}

			cluster.restart(restarted);
			ReplicatedStorage back = cluster.node(restarted);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(back.appliedIndex()).isEqualTo(active.appliedIndex());
				assertThat(back.list("while-down/")).hasSize(40);
				assertThat(back.list("early/")).hasSize(10);
			});

			// with the third node gone, a write needs the restarted node's CP vote and
			// its ack; isCpMember means it votes (its Raft nodes caught up), not just
			// that it was promoted: killing a CP leader before then would leave no quorum
			await().atMost(Duration.ofSeconds(30)).until(back::isCpMember);
			cluster.kill(other);
			active.put("after/catch-up", bytes("ok"));
			assertThat(back.get("after/catch-up")).isPresent();
		}
	}

	@Test
	void aDeposedActiveCanNeitherAppendNorOverwriteCommittedEntries() {
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			ReplicatedStorage deposed = cluster.awaitActive(ELECTION);
			deposed.put("a", bytes("1"));
			ActiveTerm oldTerm = deposed.runtime().term();

			// it steps down (as when its lock is lost) and another node takes over
			deposed.leaveElection();
			ReplicatedStorage successor = cluster.awaitActive(ELECTION);
			successor.put("b", bytes("2"));
			LogEntry head = successor.runtime().cpLog.head();

			CpLog zombie = deposed.runtime().cpLog;
			byte[] nextUnderOldFence = LogCodec.encode(new LogEntry(oldTerm.epoch(), head.index() + 1, oldTerm.fence(),
					null, List.of(new io.coffer.secrets.storage.StorageOp.Put("b", bytes("zombie")))));
			byte[] overwriteHead = LogCodec.encode(new LogEntry(head.epoch(), head.index(), Long.MAX_VALUE, null,
					List.of(new io.coffer.secrets.storage.StorageOp.Put("b", bytes("zombie")))));

			assertThat(successor.runtime().term().fence()).isGreaterThan(oldTerm.fence());
			assertThat(zombie.append(nextUnderOldFence)).isFalse();
			assertThat(zombie.append(overwriteHead)).isFalse();
			assertThat(successor.runtime().cpLog.head().position()).isEqualTo(head.position());
			assertThatThrownBy(() -> deposed.put("c", bytes("3"))).isInstanceOf(StandbyException.class);
			successor.put("c", bytes("3"));
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(node.get("b"))
						.hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("2"))));
			}
		}
	}

	@Test
	void forgedReplayedAndOldCiphertextEntriesWrittenStraightToCpAreRefusedByEveryNode() {
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		Logger runtimeLogger = (Logger) LoggerFactory.getLogger(NodeRuntime.class);
		runtimeLogger.addAppender(log);
		try (TestCluster cluster = TestCluster.start(this.root, 3, TestNodes.fastTuning())) {
			ReplicatedStorage active = cluster.awaitActive(ELECTION);
			active.put("b", bytes("old-ciphertext"));
			LogEntry old = active.runtime().cpLog.head();
			active.put("b", bytes("current"));
			for (ReplicatedStorage node : cluster.running()) {
				await().atMost(Duration.ofSeconds(10)).until(() -> node.appliedIndex() == old.index() + 1);
			}
			// every node follows the log now; the attacker is any process reaching CP
			cluster.running().forEach(ReplicatedStorage::leaveElection);
			LogEntry head = active.runtime().cpLog.head();
			IAtomicReference<byte[]> cpHead = active.hazelcast().getCPSubsystem().getAtomicReference(CpNames.LOG_HEAD);
			List<StorageOp> oldValue = List.of(new StorageOp.Put("b", bytes("old-ciphertext")));
			LogAuth attackerKey = new LogAuth();
			attackerKey.use(TestNodes.otherKey());
			Map<String, LogEntry> forgeries = Map.of("bad MAC",
					new LogEntry(head.epoch(), head.index() + 1, head.fence(), null, oldValue).signed(attackerKey),
					"replayed index",
					new LogEntry(old.epoch(), head.index() + 2, old.fence(), null, old.ops(), old.tag()),
					"old ciphertext, unsigned",
					new LogEntry(head.epoch(), head.index() + 3, head.fence(), null, oldValue),
					"old entry replayed as head", old);

			forgeries.forEach((what, forged) -> {
				cpHead.set(LogCodec.encode(forged));
				for (ReplicatedStorage node : cluster.running()) {
					await().atMost(Duration.ofSeconds(10))
						.alias(what + " refused by " + node.nodeId())
						.until(() -> messages(log).stream()
							.anyMatch((m) -> m.startsWith("Node " + node.nodeId() + " refused log entry " + forged)));
				}
			});
			for (ReplicatedStorage node : cluster.running()) {
				assertThat(node.get("b")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("current")));
				assertThat(node.appliedIndex()).isEqualTo(head.index());
			}
			assertThat(messages(log)).noneMatch((m) -> m.contains("ciphertext"));
		}
		finally {
			runtimeLogger.detachAppender(log);
		}
	}

	private static List<String> messages(ListAppender<ILoggingEvent> log) {
		synchronized (log) {
			return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
	}

	private static void assertEveryAcknowledgedWritePresent(ReplicatedStorage node, Map<String, String> acknowledged) {
		List<String> missing = new ArrayList<>();
		acknowledged.forEach((key, value) -> {
			if (!node.get(key).map((v) -> new String(v, StandardCharsets.UTF_8)).filter(value::equals).isPresent()) {
				missing.add(key);
			}
		});
		assertThat(missing).as("acknowledged writes missing on %s", node.nodeId()).isEmpty();
	}

	private static void printLatencies(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		System.out.printf("3 nodes, %d sequential writes: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.size(),
				sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
				sorted.get(sorted.size() - 1) / 1e6);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
