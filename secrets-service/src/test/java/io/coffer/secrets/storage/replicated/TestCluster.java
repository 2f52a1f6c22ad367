package io.coffer.secrets.storage.replicated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/** N real storage nodes (Hazelcast CP + RocksDB) in this JVM. */
final class TestCluster implements AutoCloseable {

	private final List<StorageSettings> settings;

	private final ReplicatedStorage[] nodes;

	private TestCluster(List<StorageSettings> settings) {
		this.settings = settings;
		this.nodes = new ReplicatedStorage[settings.size()];
	}

	static TestCluster start(Path root, int size, StorageSettings.Tuning tuning) {
		TestCluster cluster = new TestCluster(TestNodes.cluster(root, size, tuning));
		cluster.startAll();
		return cluster;
	}

	/**
	 * Starts every stopped node in parallel (as separate processes would) and joins them
	 * to the election.
	 */
	void startAll() {
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		for (int i = 0; i < this.nodes.length; i++) {
			if (this.nodes[i] == null) {
				int index = i;
				CompletableFuture<Void> started = new CompletableFuture<>();
				Thread.ofPlatform().name("start-node" + (i + 1)).start(() -> {
					try {
						restart(index);
						started.complete(null);
					}
					catch (RuntimeException ex) {
						started.completeExceptionally(ex);
					}
				});
				starting.add(started);
			}
		}
		starting.forEach(CompletableFuture::join);
	}

	void restart(int index) {
		ReplicatedStorage node = TestNodes.start(this.settings.get(index));
		node.joinElection();
		this.nodes[index] = node;
	}

	ReplicatedStorage node(int index) {
		return this.nodes[index];
	}

	int size() {
		return this.nodes.length;
	}

	Optional<ReplicatedStorage> active() {
		for (ReplicatedStorage node : this.nodes) {
			if (node != null && node.isActive()) {
				return Optional.of(node);
			}
		}
		return Optional.empty();
	}

	ReplicatedStorage awaitActive(Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(this::active, Optional::isPresent)
			.get();
	}

	int indexOf(ReplicatedStorage node) {
		for (int i = 0; i < this.nodes.length; i++) {
			if (this.nodes[i] == node) {
				return i;
			}
		}
		throw new IllegalArgumentException("not a node of this cluster");
	}

	List<ReplicatedStorage> running() {
		List<ReplicatedStorage> out = new ArrayList<>();
		for (ReplicatedStorage node : this.nodes) {
			if (node != null) {
				out.add(node);
			}
		}
		return out;
	}

	void kill(int index) {
		this.nodes[index].kill();
		this.nodes[index] = null;
	}

	void killAll() {
		for (int i = 0; i < this.nodes.length; i++) {
			if (this.nodes[i] != null) {
				kill(i);
			}
		}
	}

	@Override
	public void close() {
		killAll();
	}

}
