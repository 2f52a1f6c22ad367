package io.coffer.testsupport.cluster;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.coffer.testsupport.topology.ProcessKind;
import io.coffer.testsupport.topology.Topology;

/**
 * The topology's shape on free ports: every kind in start order with its instances, the
 * secrets kind with as many nodes as the test asks for. Each port the topology gives a
 * kind (HTTP, management, cluster) becomes a free one, so tests never collide with a
 * local suite on the topology's own ports or with each other.
 */
record ClusterLayout(List<List<Instance>> kinds) {

	/** The secrets nodes' kind in deploy/topology.conf. */
	static final String SECRETS = "secrets";

	/** The gateway's kind in deploy/topology.conf. */
	static final String GATEWAY = "gateway";

	/** lease-service's kind in deploy/topology.conf. */
	static final String LEASE = "lease";

	/** The local PostgreSQL of lease-service in deploy/topology.conf. */
	static final String LEASE_DB = "lease-db";

	/** audit-service's kind in deploy/topology.conf. */
	static final String AUDIT = "audit";

	/** snapshot-service's kind in deploy/topology.conf. */
	static final String SNAPSHOT = "snapshot";

	/** The suite's whole shape: every kind of the topology. */
	static ClusterLayout allocate(Topology topology, int nodeCount) {
		return allocate(topology, nodeCount, true, true);
	}

	/**
	 * The suite's shape, with or without lease-service and its database, with or without
	 * audit-service (most tests do without them).
	 */
	static ClusterLayout allocate(Topology topology, int nodeCount, boolean leases, boolean audit) {
		return allocate(topology,
				new ClusterOptions("layout", nodeCount, List.of(), false, List.of(), leases, audit, false));
	}

	/** The suite's shape as {@code options} ask for it. */
	static ClusterLayout allocate(Topology topology, ClusterOptions options) {
		int nodeCount = options.nodeCount();
		List<ProcessKind> started = topology.kinds()
			.stream()
			.filter((kind) -> options.leases() || !(LEASE.equals(kind.name()) || LEASE_DB.equals(kind.name())))
			.filter((kind) -> options.audit() || !AUDIT.equals(kind.name()))
			.filter((kind) -> options.snapshots() || !SNAPSHOT.equals(kind.name()))
			.toList();
		int portCount = 0;
		for (ProcessKind kind : started) {
			portCount += count(kind, nodeCount) * portsPerInstance(kind);
		}
		Iterator<Integer> ports = FreePorts.allocate(portCount).iterator();
		List<List<Instance>> kinds = new ArrayList<>();
		for (ProcessKind kind : started) {
			List<Instance> instances = new ArrayList<>();
			for (int i = 1; i <= count(kind, nodeCount); i++) {
				instances.add(new Instance(kind, kind.instanceName(i), ports.next(),
						kind.hasManagementPort() ? ports.next() : 0, kind.clusterMember() ? ports.next() : 0));
			}
			kinds.add(List.copyOf(instances));
		}
		return new ClusterLayout(List.copyOf(kinds));
	}

	private static int count(ProcessKind kind, int nodeCount) {
		return SECRETS.equals(kind.name()) ? nodeCount : kind.count();
	}

	private static int portsPerInstance(ProcessKind kind) {
		return 1 + (kind.hasManagementPort() ? 1 : 0) + (kind.clusterMember() ? 1 : 0);
	}

	/** Whether the suite runs kind {@code name}. */
	boolean has(String name) {
		return this.kinds.stream().anyMatch((instances) -> instances.getFirst().kind().name().equals(name));
	}

	/** The instances of kind {@code name}. */
	List<Instance> of(String name) {
		return this.kinds.stream()
			.filter((instances) -> instances.getFirst().kind().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the topology has no kind " + name));
	}

}
