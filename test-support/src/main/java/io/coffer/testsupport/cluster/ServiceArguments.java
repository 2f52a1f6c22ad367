package io.coffer.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.coffer.testsupport.keys.TestKeys.IdentityKeyPair;

/**
 * The command line each kind of process gets, as deploy/local/run.sh gives it: its ports,
 * and for a secrets node its identity, data directory and cluster membership, for the
 * gateway the nodes and its signing key. Other kinds get their ports only.
 *
 * @param layout every instance and its ports
 * @param clusterName the Hazelcast cluster name of this suite alone
 * @param dataDir the suite's data directory (one subdirectory per node)
 * @param keys the suite's internal identity key pair files
 * @param options the test's extra arguments
 */
record ServiceArguments(ClusterLayout layout, String clusterName, Path dataDir, IdentityKeyPair keys,
		ClusterOptions options) {

	List<String> of(Instance instance) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--server.port=" + instance.port());
		if (instance.managementPort() > 0) {
			arguments.add("--management.server.port=" + instance.managementPort());
		}
		switch (instance.kind().name()) {
			case ClusterLayout.SECRETS -> {
				arguments.addAll(node(instance));
				arguments.addAll(this.options.nodeArguments());
			}
			case ClusterLayout.GATEWAY -> {
				arguments.addAll(gateway());
				arguments.addAll(this.options.gatewayArguments());
			}
			default -> {
				// a kind the launcher knows nothing more about gets its ports only
			}
		}
		return arguments;
	}

	private List<String> node(Instance node) {
		List<Instance> nodes = this.layout.of(ClusterLayout.SECRETS);
		List<String> members = nodes.stream().map(Instance::clusterAddress).toList();
		return List.of("--coffer.node.id=" + node.name(), "--coffer.node.api-address=" + node.baseUri(),
				"--coffer.storage.data-dir=" + this.dataDir.resolve(node.name()),
				"--coffer.cluster.name=" + this.clusterName, "--coffer.cluster.bind-host=127.0.0.1",
				"--coffer.cluster.port=" + node.clusterPort(), "--coffer.cluster.members=" + String.join(",", members),
				"--coffer.cluster.size=" + nodes.size(),
				"--coffer.identity.verification-keys=" + this.keys.verificationKey());
	}

	private List<String> gateway() {
		List<String> nodes = this.layout.of(ClusterLayout.SECRETS).stream().map((n) -> n.baseUri().toString()).toList();
		return List.of("--coffer.gateway.nodes=" + String.join(",", nodes),
				"--coffer.identity.signing-key=" + this.keys.signingKey());
	}

}
