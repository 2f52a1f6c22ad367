package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.StorageOp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleNodeStorageTest {

	@TempDir
	Path dataDir;

	@Test
	void dataSurvivesCloseAndReopenAndWritesContinue() {
		StorageSettings settings = TestNodes.single(this.dataDir);
		try (ReplicatedStorage node = TestNodes.start(settings)) {
			node.awaitActive(Duration.ofSeconds(30));
			node.write(List.of(new StorageOp.Put("sys/a", bytes("1")), new StorageOp.Put("sys/b/c", bytes("2"))));
			node.put("kv/x", bytes("3"));
			node.delete("sys/a");
		}

		try (ReplicatedStorage node = TestNodes.start(settings)) {
			assertThat(node.get("sys/b/c")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("2")));
			assertThat(node.get("kv/x")).isPresent();
			assertThat(node.get("sys/a")).isEmpty();
			assertThat(node.list("")).containsExactly("kv/", "sys/");

			node.awaitActive(Duration.ofSeconds(30));
			node.put("kv/y", bytes("4"));
			assertThat(node.list("kv/")).containsExactly("x", "y");
		}
	}

	@Test
	void dataSurvivesAKill() {
		StorageSettings settings = TestNodes.single(this.dataDir);
		ReplicatedStorage node = TestNodes.start(settings);
		node.awaitActive(Duration.ofSeconds(30));
		for (int i = 0; i < 20; i++) {
			node.put("k/" + i, bytes("v" + i));
		}
		node.kill();

		try (ReplicatedStorage reopened = TestNodes.start(settings)) {
			assertThat(reopened.list("k/")).hasSize(20);
			assertThat(reopened.appliedIndex()).isGreaterThanOrEqualTo(20);
		}
	}

	@Test
	void writesBeforeJoiningTheElectionAreRefused() {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			assertThat(node.isActive()).isFalse();
			assertThat(node.haEnabled()).isFalse();

			assertThatThrownBy(() -> node.put("a", bytes("1"))).isInstanceOf(StandbyException.class);
		}
	}

	@Test
	void leavingTheElectionStepsDownAndRejoiningTakesOver() {
		List<String> events = new ArrayList<>();
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.addListener(new HaListener() {
				@Override
				public void becameActive() {
					events.add("active");
				}

				@Override
				public void becameStandby() {
					events.add("standby");
				}
			});
			node.awaitActive(Duration.ofSeconds(30));
			assertThat(node.activeNode()).hasValueSatisfying((n) -> assertThat(n.nodeId()).isEqualTo("solo"));
			assertThat(node.activeSince()).isPresent();
			node.put("a", bytes("1"));

			node.leaveElection();
			assertThat(node.isActive()).isFalse();
			assertThat(node.activeSince()).isEmpty();
			assertThatThrownBy(() -> node.put("b", bytes("2"))).isInstanceOf(StandbyException.class);

			node.awaitActive(Duration.ofSeconds(30));
			node.put("b", bytes("2"));
			assertThat(node.list("")).containsExactly("a", "b");
			assertThat(node.committedIndex()).isEqualTo(node.appliedIndex());
		}
		assertThat(events).containsExactly("active", "standby", "active", "standby");
	}

	@Test
	void concurrentWritersAreGroupCommitted() throws Exception {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.awaitActive(Duration.ofSeconds(30));
			long before = node.appliedIndex();
			AtomicInteger written = new AtomicInteger();
			List<Thread> writers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int id = t;
				writers.add(Thread.ofPlatform().start(() -> {
					for (int i = 0; i < 25; i++) {
						node.put("w/" + id + "-" + i, bytes("x"));
						written.incrementAndGet();
					}
				}));
			}
			for (Thread writer : writers) {
				writer.join();
			}

			assertThat(written).hasValue(200);
			assertThat(node.list("w/")).hasSize(200);
			long entries = node.appliedIndex() - before;
			System.out.printf("single node: 200 concurrent writes in %d log entries%n", entries);
			assertThat(entries).isLessThan(200);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
