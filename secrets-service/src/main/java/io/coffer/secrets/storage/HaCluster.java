package io.coffer.secrets.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * High availability as the rest of the service sees it: which node is active, and whether
 * this node takes part in the election. A node joins the election only while it is
 * unsealed (a sealed node must never be active), and leaves it when sealed or stepped
 * down.
 */
public interface HaCluster {

	/** This node's configured id (stable across restarts). */
	String nodeId();

	/** True when there is more than one configured node (Vault's {@code ha_enabled}). */
	boolean haEnabled();

	boolean isActive();

	/** The active node, when one is known. */
	Optional<NodeInfo> activeNode();

	/** When this node last became active; empty when it is not active. */
	Optional<Instant> activeSince();

	/**
	 * Index of the last log entry committed to the cluster, as far as this node knows.
	 */
	long committedIndex();

	/** Index of the last log entry this node applied to its replica. */
	long appliedIndex();

	/** Start contending to become active; returns at once. Idempotent. */
	void joinElection();

	/**
	 * Stop being active (if it is) and stop contending; returns once no longer active.
	 * Idempotent.
	 */
	void leaveElection();

	/**
	 * Become active within the timeout or fail, for work that must write before the node
	 * can serve (sys/init). Callers leave the election again when done unless they are
	 * unsealed.
	 */
	void awaitActive(java.time.Duration timeout);

	void addListener(HaListener listener);

	/**
	 * Voters, non-voters and failure tolerance as this node sees them. A single node is
	 * its own only voter and tolerates no failure.
	 */
	default ClusterHealth clusterHealth() {
		NodeInfo self = activeNode().filter((n) -> n.nodeId().equals(nodeId())).orElse(new NodeInfo(nodeId(), "", ""));
		ClusterHealth.Server server = new ClusterHealth.Server(nodeId(), self.clusterAddress(), true,
				isActive() ? ClusterHealth.Role.LEADER : ClusterHealth.Role.VOTER, true, java.time.Duration.ZERO, 0,
				appliedIndex(), activeSince().orElse(null));
		return new ClusterHealth(true, 0, isActive() ? nodeId() : "", java.util.List.of(server));
	}

}
