package io.coffer.secrets.storage.replicated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link ReplicatedStorage} node needs, independent of Spring.
 *
 * @param nodeId stable id of this node (survives restarts)
 * @param apiAddress this node's HTTP address, published while it is active
 * @param dataDir the replica and any local state live below it
 * @param cluster how to reach the other nodes
 * @param tuning timings and sizes; {@link Tuning#defaults()} suits most deployments
 */
public record StorageSettings(String nodeId, String apiAddress, Path dataDir, Cluster cluster, Tuning tuning) {

	public StorageSettings {
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(apiAddress, "apiAddress");
		Objects.requireNonNull(dataDir, "dataDir");
		Objects.requireNonNull(cluster, "cluster");
		Objects.requireNonNull(tuning, "tuning");
	}

	/** Votes needed to acknowledge a write: a majority of the configured nodes. */
	public int majority() {
		return this.cluster.size() / 2 + 1;
	}

	/**
	 * @param name Hazelcast cluster name (nodes of other clusters are refused)
	 * @param bindHost the address Hazelcast binds to and announces
	 * @param port this node's Hazelcast port
	 * @param members every node's {@code host:port}, like Vault's {@code retry_join}
	 * @param size configured voting nodes; 1 runs Hazelcast CP in its unsafe
	 * single-member mode, otherwise at least 3
	 */
	public record Cluster(String name, String bindHost, int port, List<String> members, int size) {

		public Cluster {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(bindHost, "bindHost");
			members = List.copyOf(members);
			if (size != 1 && size < 3) {
				throw new IllegalArgumentException(
						"coffer.cluster.size must be 1 (single node) or at least 3 (Hazelcast CP needs 3 members)");
			}
		}

		/**
		 * Members of the CP subsystem; 0 selects Hazelcast's unsafe (single node) mode.
		 */
		int cpMemberCount() {
			return (this.size == 1) ? 0 : this.size;
		}

		String address() {
			return this.bindHost + ":" + this.port;
		}

	}

	/**
	 * @param sessionTtl CP session time-to-live: how fast a dead active's lock is freed
	 * @param missingMemberAutoRemoval after how long Hazelcast itself drops a missing CP
	 * member (a restarted node removes its dead predecessor at once)
	 * @param logSlots ring size R of the CP log; a node more than R entries behind copies
	 * a replica instead of replaying
	 * @param groupCommitDelay how long the active collects writes into one entry
	 * @param writeTimeout how long a write waits for a majority before its outcome is
	 * reported unknown
	 */
	public record Tuning(Duration sessionTtl, Duration missingMemberAutoRemoval, int logSlots,
			Duration groupCommitDelay, Duration writeTimeout) {

		public Tuning {
			if (sessionTtl.toSeconds() < 2) {
				throw new IllegalArgumentException("session TTL must be at least 2 seconds");
			}
			if (missingMemberAutoRemoval.compareTo(sessionTtl) < 0) {
				throw new IllegalArgumentException(
						"missing member auto-removal must not be shorter than the session TTL");
			}
			if (logSlots < 4) {
				throw new IllegalArgumentException("the CP log needs at least 4 slots");
			}
		}

		public static Tuning defaults() {
			return new Tuning(Duration.ofSeconds(5), Duration.ofSeconds(60), 1024, Duration.ofMillis(2),
					Duration.ofSeconds(30));
		}

		public Tuning withLogSlots(int slots) {
			return new Tuning(this.sessionTtl, this.missingMemberAutoRemoval, slots, this.groupCommitDelay,
					this.writeTimeout);
		}

	}

}
