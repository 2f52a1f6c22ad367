package io.coffer.testsupport.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.coffer.testsupport.keys.TestKeys.IdentityKeyPair;
import io.coffer.testsupport.topology.Topology;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterLayoutTest {

	private static final Topology TOPOLOGY = Topology.parse(
			List.of("secrets secrets-service node{i} 8210 - 5701 3", "gateway gateway gateway 8200 8201 - 1"), "test");

	private static final Topology LEASE_TOPOLOGY = Topology
		.parse(List.of("secrets secrets-service node{i} 8210 - 5701 3",
				"lease-db lease-service lease-db 8225 - - 1 io.coffer.lease.localdb.LocalPostgres",
				"lease lease-service lease 8220 - - 1 -", "audit audit-service audit 8230 - - 1",
				"snapshot snapshot-service snapshot 8240 - - 1", "gateway gateway gateway 8200 8201 - 1"), "test");

	@Test
	void keepsTheTopologysShapeAndOrderOnDistinctFreePorts() {
		ClusterLayout layout = ClusterLayout.allocate(TOPOLOGY, 2);

		assertThat(layout.kinds()).hasSize(2);
		assertThat(layout.of("secrets")).extracting(Instance::name).containsExactly("node1", "node2");
		assertThat(layout.kinds().get(1)).extracting(Instance::name).containsExactly("gateway");
		assertThat(layout.of("secrets")).allSatisfy((node) -> assertThat(node.managementPort()).isZero());
		assertThat(layout.of("gateway")).allSatisfy((gateway) -> assertThat(gateway.clusterPort()).isZero());
		List<Integer> ports = layout.kinds()
			.stream()
			.flatMap(List::stream)
			.flatMap((i) -> Stream.of(i.port(), i.managementPort(), i.clusterPort()))
			.filter((port) -> port > 0)
			.toList();
		assertThat(ports).hasSize(6).doesNotHaveDuplicates().doesNotContain(8200, 8201, 8210, 8211, 5701, 5702);
	}

	@Test
	void nodesJoinEveryMemberAndTheGatewayRoutesToEveryNode() {
		ClusterLayout layout = ClusterLayout.allocate(TOPOLOGY, 3);
		SuiteKeys keys = keys();
		ServiceArguments arguments = new ServiceArguments(layout, "coffer-e2e-x", Path.of("/data"), keys,
				ClusterOptions.of("t", 3).withNodeArguments("--extra=node").withGatewayArguments("--extra=gw"));
		Instance node2 = layout.of("secrets").get(1);
		Instance gateway = layout.of("gateway").getFirst();

		List<String> nodeArguments = arguments.of(node2);
		List<String> gatewayArguments = arguments.of(gateway);

		String members = String.join(",", layout.of("secrets").stream().map(Instance::clusterAddress).toList());
		assertThat(nodeArguments).contains("--server.port=" + node2.port(), "--coffer.node.id=node2",
				"--coffer.cluster.members=" + members, "--coffer.cluster.size=3", "--coffer.cluster.name=coffer-e2e-x",
				"--coffer.storage.data-dir=/data/node2", "--coffer.identity.verification-keys=/d/signing-key.pub.pem")
			.endsWith("--extra=node");
		String nodes = String.join(",", layout.of("secrets").stream().map((n) -> n.baseUri().toString()).toList());
		assertThat(gatewayArguments)
			.contains("--server.port=" + gateway.port(), "--management.server.port=" + gateway.managementPort(),
					"--coffer.gateway.nodes=" + nodes, "--coffer.identity.signing-key=/d/signing-key.pem")
			.endsWith("--extra=gw");
		assertThat(nodeArguments).noneMatch((argument) -> argument.startsWith("--coffer.lease.urls"));
		assertThat(gatewayArguments).noneMatch((argument) -> argument.contains("owners.lease"));
	}

	@Test
	void leasesAreLeftOutUnlessAskedFor() {
		assertThat(ClusterLayout.allocate(LEASE_TOPOLOGY, 1, false, false).kinds())
			.extracting((i) -> i.getFirst().name())
			.containsExactly("node1", "gateway");
		assertThat(ClusterLayout.allocate(LEASE_TOPOLOGY, 1, true, false).kinds())
			.extracting((i) -> i.getFirst().name())
			.containsExactly("node1", "lease-db", "lease", "gateway");
		assertThat(ClusterLayout.allocate(LEASE_TOPOLOGY, 1, false, true).kinds())
			.extracting((i) -> i.getFirst().name())
			.containsExactly("node1", "audit", "gateway");
	}

	@Test
	void withLeasesEveryServiceKnowsTheOthersAndTheirKeys() {
		ClusterLayout layout = ClusterLayout.allocate(LEASE_TOPOLOGY, 2, true, false);
		ServiceArguments arguments = new ServiceArguments(layout, "coffer-e2e-x", Path.of("/data"), keys(),
				ClusterOptions.of("t", 2).withLeases());
		Instance database = layout.of("lease-db").getFirst();
		Instance lease = layout.of("lease").getFirst();
		String nodes = String.join(",", layout.of("secrets").stream().map((n) -> n.baseUri().toString()).toList());

		assertThat(arguments.of(database)).containsExactly("--data-dir", "/data/lease-db", "--port",
				Integer.toString(database.port()));
		assertThat(arguments.of(lease)).contains("--server.port=" + lease.port(),
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + "/coffer_lease",
				"--coffer.lease.nodes=" + nodes, "--coffer.identity.signing-key=/d/lease.pem",
				"--coffer.identity.callers.gateway.keys=/d/signing-key.pub.pem",
				"--coffer.identity.callers.secrets.keys=/d/secrets.pub.pem");
		assertThat(arguments.of(layout.of("secrets").getFirst())).contains("--coffer.lease.urls=" + lease.baseUri(),
				"--coffer.identity.signing-key=/d/secrets.pem",
				"--coffer.identity.callers.lease.keys=/d/lease.pub.pem");
		assertThat(arguments.of(layout.of("gateway").getFirst()))
			.contains("--coffer.gateway.routes.owners.lease.urls=" + lease.baseUri());
	}

	@Test
	void withAuditTheNodesAcceptItAndTheGatewayRoutesToIt() {
		ClusterLayout layout = ClusterLayout.allocate(LEASE_TOPOLOGY, 2, false, true);
		ServiceArguments arguments = new ServiceArguments(layout, "coffer-e2e-x", Path.of("/data"), keys(),
				ClusterOptions.of("t", 2).withAudit());
		Instance audit = layout.of("audit").getFirst();
		String nodes = String.join(",", layout.of("secrets").stream().map((n) -> n.baseUri().toString()).toList());

		assertThat(arguments.of(audit)).contains("--server.port=" + audit.port(), "--coffer.audit.nodes=" + nodes,
				"--coffer.identity.signing-key=/d/audit.pem",
				"--coffer.identity.callers.gateway.keys=/d/signing-key.pub.pem");
		assertThat(arguments.of(layout.of("secrets").getFirst()))
			.contains("--coffer.identity.callers.audit.keys=/d/audit.pub.pem")
			.noneMatch((argument) -> argument.startsWith("--coffer.lease.urls"));
		assertThat(arguments.of(layout.of("gateway").getFirst()))
			.contains("--coffer.gateway.routes.owners.audit.urls=" + audit.baseUri());
	}

	@Test
	void withSnapshotsTheNodesAcceptItTheGatewayRoutesToItAndItsMinimumIntervalIsLowered() {
		assertThat(ClusterLayout.allocate(LEASE_TOPOLOGY, ClusterOptions.of("t", 1)).kinds())
			.extracting((i) -> i.getFirst().name())
			.containsExactly("node1", "gateway");
		ClusterOptions options = ClusterOptions.of("t", 2).withSnapshots();
		ClusterLayout layout = ClusterLayout.allocate(LEASE_TOPOLOGY, options);
		ServiceArguments arguments = new ServiceArguments(layout, "coffer-e2e-x", Path.of("/data"), keys(), options);
		Instance snapshot = layout.of("snapshot").getFirst();
		String nodes = String.join(",", layout.of("secrets").stream().map((n) -> n.baseUri().toString()).toList());

		assertThat(layout.kinds()).extracting((i) -> i.getFirst().name())
			.containsExactly("node1", "snapshot", "gateway");
		assertThat(arguments.of(snapshot)).contains("--server.port=" + snapshot.port(),
				"--coffer.snapshot.nodes=" + nodes, "--coffer.identity.signing-key=/d/snapshot.pem",
				"--coffer.identity.callers.gateway.keys=/d/signing-key.pub.pem", "--coffer.snapshot.min-interval=1s");
		assertThat(arguments.of(layout.of("secrets").getFirst()))
			.contains("--coffer.identity.callers.snapshot.keys=/d/snapshot.pub.pem");
		assertThat(arguments.of(layout.of("gateway").getFirst()))
			.contains("--coffer.gateway.routes.owners.snapshot.urls=" + snapshot.baseUri());
	}

	private static SuiteKeys keys() {
		return new SuiteKeys(pair("signing-key"), pair("secrets"), pair("lease"), pair("audit"), pair("snapshot"));
	}

	private static IdentityKeyPair pair(String name) {
		return new IdentityKeyPair(Path.of("/d/" + name + ".pem"), Path.of("/d/" + name + ".pub.pem"), null);
	}

}
