package io.coffer.testsupport.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link CofferCluster#start(ClusterOptions)} starts.
 *
 * @param label names the cluster's log directory ({@code target/e2e-logs/<label>}) and
 * data directory
 * @param nodeCount secrets nodes ({@code coffer.cluster.size})
 * @param nodeArguments extra command-line arguments of every secrets node, e.g. a seal
 * configuration
 * @param shamirInit whether start-up inits the cluster (5 shares, threshold 3), unseals
 * it and mounts KV v2 at {@code secret/}; without it the nodes are left uninitialized for
 * the test to init
 * @param gatewayArguments extra command-line arguments of the gateway, e.g. trusted
 * proxies
 * @param leases whether lease-service and its local PostgreSQL run too (the topology's
 * {@code lease-db} and {@code lease} kinds); without them the suite is the nodes and the
 * gateway, which is all most tests need, and a response that needs a lease fails cleanly
 * @param audit whether audit-service runs too (the topology's {@code audit} kind);
 * without it {@code sys/audit*} goes to the nodes, which do not serve it
 * @param snapshots whether snapshot-service runs too (the topology's {@code snapshot}
 * kind), with a minimum interval of one second for the tests; without it
 * {@code sys/storage/raft/snapshot-auto} goes to the nodes, which do not serve it
 */
public record ClusterOptions(String label, int nodeCount, List<String> nodeArguments, boolean shamirInit,
		List<String> gatewayArguments, boolean leases, boolean audit, boolean snapshots) {

	public ClusterOptions {
		if (nodeCount < 1) {
			throw new IllegalArgumentException("a cluster needs at least one node");
		}
		nodeArguments = List.copyOf(nodeArguments);
		gatewayArguments = List.copyOf(gatewayArguments);
	}

	/** An initialized, unsealed cluster with KV v2 at {@code secret/}. */
	public static ClusterOptions of(String label, int nodeCount) {
		return new ClusterOptions(label, nodeCount, List.of(), true, List.of(), false, false, false);
	}

	public ClusterOptions withNodeArguments(String... arguments) {
		List<String> all = new ArrayList<>(this.nodeArguments);
		all.addAll(Arrays.asList(arguments));
		return new ClusterOptions(this.label, this.nodeCount, all, this.shamirInit, this.gatewayArguments, this.leases,
				this.audit, this.snapshots);
	}

	public ClusterOptions withGatewayArguments(String... arguments) {
		List<String> all = new ArrayList<>(this.gatewayArguments);
		all.addAll(Arrays.asList(arguments));
		return new ClusterOptions(this.label, this.nodeCount, this.nodeArguments, this.shamirInit, all, this.leases,
				this.audit, this.snapshots);
	}

	/** Nodes up but not initialized: the test calls {@code sys/init} itself. */
	public ClusterOptions uninitialized() {
		return new ClusterOptions(this.label, this.nodeCount, this.nodeArguments, false, this.gatewayArguments,
				this.leases, this.audit, this.snapshots);
	}

	/**
	 * The suite with lease-service and its local PostgreSQL (dynamic secrets, leases).
	 */
	public ClusterOptions withLeases() {
		return new ClusterOptions(this.label, this.nodeCount, this.nodeArguments, this.shamirInit,
				this.gatewayArguments, true, this.audit, this.snapshots);
	}

	/** The suite with audit-service (audit devices, sys/audit*). */
	public ClusterOptions withAudit() {
		return new ClusterOptions(this.label, this.nodeCount, this.nodeArguments, this.shamirInit,
				this.gatewayArguments, this.leases, true, this.snapshots);
	}

	/** The suite with snapshot-service (sys/storage/raft/snapshot-auto). */
	public ClusterOptions withSnapshots() {
		return new ClusterOptions(this.label, this.nodeCount, this.nodeArguments, this.shamirInit,
				this.gatewayArguments, this.leases, this.audit, true);
	}

}
