package io.coffer.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line each kind of process gets, as deploy/local/run.sh gives it: its ports,
 * and for a secrets node its identity, data directory and cluster membership, for the
 * gateway the nodes and its signing key, for lease-service its database, the nodes and
 * the callers it accepts, for audit-service and snapshot-service the nodes and their keys
 * (snapshot-service with a one-second minimum interval, for tests), for the local
 * PostgreSQL its data directory and port. Other kinds get their ports only.
 *
 * @param layout every instance and its ports
 * @param clusterName the Hazelcast cluster name of this suite alone
 * @param dataDir the suite's data directory (one subdirectory per node)
 * @param keys the suite's internal identity key pair files
 * @param options the test's extra arguments
 */
record ServiceArguments(ClusterLayout layout, String clusterName, Path dataDir, SuiteKeys keys,
		ClusterOptions options) {

	/** The database lease-service uses on its local PostgreSQL. */
	static final String LEASE_DATABASE = "coffer_lease";

	List<String> of(Instance instance) {
		if (!instance.kind().runsOwnApplication()) {
			return helper(instance);
		}
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
			case ClusterLayout.LEASE -> arguments.addAll(lease());
			case ClusterLayout.AUDIT -> arguments.addAll(audit());
			case ClusterLayout.SNAPSHOT -> arguments.addAll(snapshot());
			default -> {
				// a kind the launcher knows nothing more about gets its ports only
			}
		}
		return arguments;
	}

	/** A helper process (the local PostgreSQL): its data directory and port. */
	private List<String> helper(Instance instance) {
		return List.of("--data-dir", this.dataDir.resolve(instance.name()).toString(), "--port",
				Integer.toString(instance.port()));
	}

	private List<String> node(Instance node) {
		List<Instance> nodes = this.layout.of(ClusterLayout.SECRETS);
		List<String> members = nodes.stream().map(Instance::clusterAddress).toList();
		List<String> arguments = new ArrayList<>(List.of("--coffer.node.id=" + node.name(),
				"--coffer.node.api-address=" + node.baseUri(),
				"--coffer.storage.data-dir=" + this.dataDir.resolve(node.name()),
				"--coffer.cluster.name=" + this.clusterName, "--coffer.cluster.bind-host=127.0.0.1",
				"--coffer.cluster.port=" + node.clusterPort(), "--coffer.cluster.members=" + String.join(",", members),
				"--coffer.cluster.size=" + nodes.size(),
				"--coffer.identity.verification-keys=" + this.keys.gateway().verificationKey()));
		if (this.layout.has(ClusterLayout.LEASE)) {
			arguments.add("--coffer.identity.signing-key=" + this.keys.secrets().signingKey());
			arguments.add("--coffer.identity.callers.lease.keys=" + this.keys.lease().verificationKey());
			arguments.add("--coffer.lease.urls=" + urls(ClusterLayout.LEASE));
		}
		if (this.layout.has(ClusterLayout.AUDIT)) {
			arguments.add("--coffer.identity.callers.audit.keys=" + this.keys.audit().verificationKey());
		}
		if (this.layout.has(ClusterLayout.SNAPSHOT)) {
			arguments.add("--coffer.identity.callers.snapshot.keys=" + this.keys.snapshot().verificationKey());
		}
		return arguments;
	}

	private List<String> gateway() {
		List<String> arguments = new ArrayList<>(List.of("--coffer.gateway.nodes=" + urls(ClusterLayout.SECRETS),
				"--coffer.identity.signing-key=" + this.keys.gateway().signingKey()));
		if (this.layout.has(ClusterLayout.LEASE)) {
			arguments.add("--coffer.gateway.routes.owners.lease.urls=" + urls(ClusterLayout.LEASE));
		}
		if (this.layout.has(ClusterLayout.AUDIT)) {
			arguments.add("--coffer.gateway.routes.owners.audit.urls=" + urls(ClusterLayout.AUDIT));
		}
		if (this.layout.has(ClusterLayout.SNAPSHOT)) {
			arguments.add("--coffer.gateway.routes.owners.snapshot.urls=" + urls(ClusterLayout.SNAPSHOT));
		}
		return arguments;
	}

	private List<String> lease() {
		Instance database = this.layout.of(ClusterLayout.LEASE_DB).getFirst();
		return List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + "/" + LEASE_DATABASE,
				"--spring.datasource.username=postgres",
				// the local PostgreSQL starts beside lease-service: wait for it rather
				// than fail
				"--spring.datasource.hikari.initialization-fail-timeout=120000",
				"--coffer.lease.nodes=" + urls(ClusterLayout.SECRETS),
				"--coffer.identity.signing-key=" + this.keys.lease().signingKey(),
				"--coffer.identity.callers.gateway.keys=" + this.keys.gateway().verificationKey(),
				"--coffer.identity.callers.secrets.keys=" + this.keys.secrets().verificationKey());
	}

	private List<String> audit() {
		return List.of("--coffer.audit.nodes=" + urls(ClusterLayout.SECRETS),
				"--coffer.identity.signing-key=" + this.keys.audit().signingKey(),
				"--coffer.identity.callers.gateway.keys=" + this.keys.gateway().verificationKey());
	}

	/**
	 * snapshot-service's arguments; the minimum interval and the scheduler's check period
	 * drop to one second so that a test sees a scheduled snapshot within seconds.
	 */
	private List<String> snapshot() {
		return List.of("--coffer.snapshot.nodes=" + urls(ClusterLayout.SECRETS),
				"--coffer.identity.signing-key=" + this.keys.snapshot().signingKey(),
				"--coffer.identity.callers.gateway.keys=" + this.keys.gateway().verificationKey(),
				"--coffer.snapshot.min-interval=1s", "--coffer.snapshot.check-every=1s");
	}

	private String urls(String kind) {
		return String.join(",", this.layout.of(kind).stream().map((i) -> i.baseUri().toString()).toList());
	}

}
