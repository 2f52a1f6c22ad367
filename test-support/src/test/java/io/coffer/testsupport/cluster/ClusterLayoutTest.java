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
		IdentityKeyPair keys = new IdentityKeyPair(Path.of("/d/signing-key.pem"), Path.of("/d/signing-key.pub.pem"),
				null);
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
	}

}
