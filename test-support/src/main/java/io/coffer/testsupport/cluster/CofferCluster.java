package io.coffer.testsupport.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.topology.Topology;

import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * A real Coffer suite for one test class (or one test run), shaped by
 * deploy/topology.conf: its kinds of process in their start order (N secrets nodes
 * forming one Hazelcast cluster, then the gateway), each a separate JVM started from the
 * jar the build produced, on free ports instead of the topology's, with a cluster name of
 * its own and data in a temporary directory. {@link #start(String, int)} returns once the
 * cluster is initialized, unsealed, has an active node and a KV v2 engine at
 * {@code secret/} (as deploy/local/run.sh leaves it); {@link #start(ClusterOptions)} can
 * add arguments and leave the init to the test. Nodes and gateway can be stopped and
 * started again on the same ports and data.
 */
public final class CofferCluster implements AutoCloseable {

	/**
	 * How long a stopped service may take to shut down gracefully before it is killed.
	 */
	private static final long STOP_GRACE_SECONDS = 30;

	private final String label;

	private final Path dataDir;

	private final List<ServiceProcess> processes;

	private final List<ServiceProcess> nodes;

	private final ServiceProcess gateway;

	private final VaultHttp http;

	private final Readiness readiness;

	private final SealOperations seal;

	private final Thread shutdownHook;

	private InitResponse init;

	private CofferCluster(String label, Path dataDir, List<ServiceProcess> processes) {
		this.label = label;
		this.dataDir = dataDir;
		this.processes = List.copyOf(processes);
		this.nodes = processes.stream().filter((p) -> ClusterLayout.SECRETS.equals(p.kind())).toList();
		this.gateway = processes.stream()
			.filter((p) -> ClusterLayout.GATEWAY.equals(p.kind()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the topology starts no gateway"));
		this.http = new VaultHttp(this.gateway.baseUri());
		this.readiness = new Readiness(this.http);
		this.seal = new SealOperations(this.http);
		// A test JVM that dies (or is stopped) must not leave JVMs running that hold
		// ports and Hazelcast members.
		this.shutdownHook = new Thread(this::destroyAll, "coffer-e2e-cleanup-" + label);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts {@code nodeCount} secrets nodes ({@code coffer.cluster.size = nodeCount})
	 * and the gateway, then inits (5 shares, threshold 3) and unseals through the
	 * gateway.
	 */
	public static CofferCluster start(String label, int nodeCount) {
		return start(ClusterOptions.of(label, nodeCount));
	}

	/**
	 * Starts every kind of process of the topology in its order as {@code options} say;
	 * returns once every process answers HTTP (and, with
	 * {@link ClusterOptions#shamirInit()}, once the cluster is initialized, unsealed and
	 * serving).
	 */
	public static CofferCluster start(ClusterOptions options) {
		Path root = ProjectFiles.root();
		ClusterLayout layout = ClusterLayout.allocate(Topology.of(root), options);
		Path logDir = Path.of("target", "e2e-logs", options.label()).toAbsolutePath();
		Path dataDir = ProjectFiles.createTempDirectory(options.label());
		// Key pairs per cluster, as deploy/local/run.sh makes them: each service signs
		// its
		// own calls, each receiver verifies with the callers' public keys.
		SuiteKeys keys = SuiteKeys.generate(dataDir);
		ServiceArguments arguments = new ServiceArguments(layout, clusterName(), dataDir, keys, options);
		List<ServiceProcess> processes = new ArrayList<>();
		layout.kinds().forEach((instances) -> instances.forEach((instance) -> {
			List<String> command = JavaCommand.forKind(instance.kind(), ProjectFiles.jar(root, instance.kind()),
					arguments.of(instance));
			processes.add(ServiceProcess.launch(instance, command, logDir));
		}));
		CofferCluster cluster = new CofferCluster(options.label(), dataDir, processes);
		try {
			cluster.readiness.awaitUp(cluster.processes);
			if (options.shamirInit()) {
				cluster.bringIntoService();
			}
			return cluster;
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	private static String clusterName() {
		byte[] suffix = new byte[4];
		new SecureRandom().nextBytes(suffix);
		return "coffer-e2e-" + HexFormat.of().formatHex(suffix);
	}

	private void bringIntoService() {
		this.init = this.seal.initialize();
		this.readiness.awaitEveryNodeInitialized(this.nodes);
		unseal();
		this.seal.mountKvVersion2AtSecret(rootToken());
	}

	public URI gatewayUri() {
		return this.gateway.baseUri();
	}

	/** A client of the gateway with no token bound. */
	public VaultHttp http() {
		return this.http;
	}

	public String rootToken() {
		return initResponse().rootToken();
	}

	/** The unseal key shares in hex, as {@code sys/init} returned them. */
	public List<String> unsealKeys() {
		return initResponse().keys();
	}

	private InitResponse initResponse() {
		if (this.init == null) {
			throw new IllegalStateException(this + " was started uninitialized: its keys and root token are the "
					+ "test's own sys/init answer");
		}
		return this.init;
	}

	public List<ServiceProcess> nodes() {
		return this.nodes;
	}

	public ServiceProcess gateway() {
		return this.gateway;
	}

	/**
	 * lease-service, in a suite started {@link ClusterOptions#withLeases() with leases}.
	 */
	public ServiceProcess leaseService() {
		return this.processes.stream()
			.filter((p) -> ClusterLayout.LEASE.equals(p.kind()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(this + " runs no lease-service: start it withLeases()"));
	}

	/**
	 * Starts a stopped (or killed) lease-service again on its port and database; returns
	 * once it reports healthy.
	 */
	public void restartLeaseService() {
		ServiceProcess lease = leaseService();
		lease.relaunch();
		this.readiness.awaitUp(List.of(lease));
	}

	/**
	 * audit-service, in a suite started {@link ClusterOptions#withAudit() with audit}.
	 */
	public ServiceProcess auditService() {
		return this.processes.stream()
			.filter((p) -> ClusterLayout.AUDIT.equals(p.kind()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(this + " runs no audit-service: start it withAudit()"));
	}

	/**
	 * snapshot-service, in a suite started {@link ClusterOptions#withSnapshots() with
	 * snapshots}.
	 */
	public ServiceProcess snapshotService() {
		return this.processes.stream()
			.filter((p) -> ClusterLayout.SNAPSHOT.equals(p.kind()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(this + " runs no snapshot-service: start it withSnapshots()"));
	}

	/**
	 * Starts a stopped (or killed) audit-service again on its port; returns once it
	 * reports healthy.
	 */
	public void restartAuditService() {
		ServiceProcess audit = auditService();
		audit.relaunch();
		this.readiness.awaitUp(List.of(audit));
	}

	/** A Spring Vault template against the gateway, authenticated with the root token. */
	public VaultTemplate vaultTemplate() {
		VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", this.gateway.baseUri().getPort());
		endpoint.setScheme("http");
		return new VaultTemplate(endpoint, new TokenAuthentication(rootToken()));
	}

	/**
	 * The node that answers 200 on its own {@code sys/health}, waiting for one to be
	 * elected if needed.
	 */
	public ServiceProcess activeNode() {
		return this.readiness.activeNode(this.nodes);
	}

	/**
	 * Submits unseal keys through the gateway until it reports unsealed (starting over if
	 * a test left a partial attempt), then waits for an active node.
	 */
	public void unseal() {
		this.seal.unseal(unsealKeys());
		awaitActive();
	}

	/**
	 * Waits until the gateway's {@code sys/health} answers 200 (an unsealed active node
	 * serves requests).
	 */
	public void awaitActive() {
		this.readiness.awaitActive();
	}

	/**
	 * Stops every secrets node at once (SIGTERM, killed if still running after a grace
	 * period), leaving the gateway up, as an operator stopping the whole cluster.
	 */
	public void stopNodes() {
		this.nodes.forEach(ServiceProcess::terminate);
		this.nodes.forEach((node) -> node.waitForExit(STOP_GRACE_SECONDS));
	}

	/**
	 * Stops one secrets node (SIGTERM, killed if still running after a grace period), as
	 * an operator stops it for an upgrade.
	 */
	public void stopNode(ServiceProcess node) {
		node.terminate();
		node.waitForExit(STOP_GRACE_SECONDS);
	}

	/**
	 * Starts every stopped secrets node again with its ports, data directory and
	 * arguments; returns once each answers HTTP (sealed or not).
	 */
	public void startNodes() {
		this.nodes.forEach(ServiceProcess::relaunch);
		this.readiness.awaitUp(this.nodes);
	}

	/**
	 * Starts one stopped (or killed) secrets node again with its ports, data directory
	 * and arguments, as an operator relaunches it; returns once it answers HTTP (sealed).
	 */
	public void restartNode(ServiceProcess node) {
		startNode(node);
		awaitNodeUp(node);
	}

	/** Relaunches a stopped secrets node without waiting for it. */
	public void startNode(ServiceProcess node) {
		node.relaunch();
	}

	/** Waits until a (re)launched secrets node answers HTTP. */
	public void awaitNodeUp(ServiceProcess node) {
		this.readiness.awaitUp(List.of(node));
	}

	/**
	 * Submits unseal keys to one node directly (the gateway's fan-out answers "unsealed"
	 * as soon as any node is), until that node reports unsealed.
	 */
	public void unsealNode(ServiceProcess node) {
		this.seal.unsealNode(node, unsealKeys());
	}

	public void stopGateway() {
		this.gateway.terminate();
		this.gateway.waitForExit(STOP_GRACE_SECONDS);
	}

	/** Starts the stopped gateway again on its port; returns once it reports healthy. */
	public void startGateway() {
		this.gateway.relaunch();
		this.readiness.awaitUp(List.of(this.gateway));
	}

	@Override
	public void close() {
		// Nothing of value is left in a test cluster, and a graceful Hazelcast shutdown
		// after a member was lost can take minutes: kill outright.
		destroyAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
		ProjectFiles.deleteRecursively(this.dataDir);
	}

	/** Kills in reverse start order: the gateway before the nodes it routes to. */
	private void destroyAll() {
		List<ServiceProcess> reversed = this.processes.reversed();
		reversed.forEach(ServiceProcess::destroyNow);
		reversed.forEach((process) -> process.waitForExit(10));
	}

	@Override
	public String toString() {
		return "CofferCluster[" + this.label + ", " + this.nodes.size() + " nodes, gateway " + gatewayUri() + "]";
	}

}
