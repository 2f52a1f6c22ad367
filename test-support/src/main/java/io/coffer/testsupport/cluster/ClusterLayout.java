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

	static ClusterLayout allocate(Topology topology, int nodeCount) {
		int portCount = 0;
		for (ProcessKind kind : topology.kinds()) {
			portCount += count(kind, nodeCount) * portsPerInstance(kind);
		}
		Iterator<Integer> ports = FreePorts.allocate(portCount).iterator();
		List<List<Instance>> kinds = new ArrayList<>();
		for (ProcessKind kind : topology.kinds()) {
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

	/** The instances of kind {@code name}. */
	List<Instance> of(String name) {
		return this.kinds.stream()
			.filter((instances) -> instances.getFirst().kind().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the topology has no kind " + name));
	}

}
