package io.coffer.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.e2e.http.VaultHttp;
import io.coffer.e2e.http.VaultReply;
import tools.jackson.databind.JsonNode;

import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

import static org.awaitility.Awaitility.await;

/**
 * A real Coffer suite for one test class (or one test run): N secrets nodes forming one
 * Hazelcast cluster and the gateway, each a separate JVM started from the jars the build
 * produced, on free ports, with a cluster name of its own and data in a temporary
 * directory. {@link #start(String, int)} returns once the cluster is initialized,
 * unsealed, has an active node and a KV v2 engine at {@code secret/} (as
 * deploy/local/run.sh leaves it); {@link #start(ClusterOptions)} can add node arguments
 * and leave the init to the test. Nodes and gateway can be stopped and started again on
 * the same ports and data.
 */
public final class CofferCluster implements AutoCloseable {

	/**
	 * Three JVMs with Hazelcast CP discovery on two cores take a while; this bounds a
	 * hung start.
	 */
	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * How long a stopped service may take to shut down gracefully before it is killed.
	 */
	private static final long STOP_GRACE_SECONDS = 30;

	private final String label;

	private final Path dataDir;

	private final List<ServiceProcess> nodes;

	private final ServiceProcess gateway;

	private final VaultHttp http;

	private final Thread shutdownHook;

	private InitResponse init;

	private CofferCluster(String label, Path dataDir, List<ServiceProcess> nodes, ServiceProcess gateway) {
		this.label = label;
		this.dataDir = dataDir;
		this.nodes = List.copyOf(nodes);
		this.gateway = gateway;
		this.http = new VaultHttp(gateway.baseUri());
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
	 * Starts the nodes and the gateway as {@code options} say; returns once every process
	 * answers HTTP (and, with {@link ClusterOptions#shamirInit()}, once the cluster is
	 * initialized, unsealed and serving).
	 */
	public static CofferCluster start(ClusterOptions options) {
		String label = options.label();
		int nodeCount = options.nodeCount();
		Path secretsJar = jar("coffer.secrets.jar");
		Path gatewayJar = jar("coffer.gateway.jar");
		List<Integer> ports = FreePorts.allocate(2 * nodeCount + 1);
		byte[] suffix = new byte[4];
		new SecureRandom().nextBytes(suffix);
		String clusterName = "coffer-e2e-" + HexFormat.of().formatHex(suffix);
		Path logDir = Path.of("target", "e2e-logs", label).toAbsolutePath();
		Path dataDir = createTempDirectory(label);
		// A key pair per cluster, as deploy/local/run.sh makes one: the gateway signs
		// with
		// the private key, every node verifies with the public one.
		Path signingKey = dataDir.resolve("identity").resolve("signing-key.pem");
		IdentityKeyFiles.generate(signingKey, new SecureRandom());
		String verificationKey = IdentityKeyFiles.publicKeyPath(signingKey).toString();

		List<String> members = new ArrayList<>();
		for (int i = 0; i < nodeCount; i++) {
			members.add("127.0.0.1:" + ports.get(nodeCount + i));
		}
		List<ServiceProcess> nodes = new ArrayList<>();
		List<String> nodeUris = new ArrayList<>();
		for (int i = 0; i < nodeCount; i++) {
			String id = "node" + (i + 1);
			int apiPort = ports.get(i);
			String apiAddress = "http://127.0.0.1:" + apiPort;
			nodeUris.add(apiAddress);
			List<String> arguments = new ArrayList<>(List.of("--server.port=" + apiPort, "--coffer.node.id=" + id,
					"--coffer.node.api-address=" + apiAddress, "--coffer.storage.data-dir=" + dataDir.resolve(id),
					"--coffer.cluster.name=" + clusterName, "--coffer.cluster.bind-host=127.0.0.1",
					"--coffer.cluster.port=" + ports.get(nodeCount + i),
					"--coffer.cluster.members=" + String.join(",", members), "--coffer.cluster.size=" + nodeCount,
					"--coffer.identity.verification-keys=" + verificationKey));
			arguments.addAll(options.nodeArguments());
			nodes.add(ServiceProcess.launch(id, apiPort, secretsJar, arguments, logDir));
		}
		int gatewayPort = ports.get(2 * nodeCount);
		List<String> gatewayArguments = new ArrayList<>(List.of("--server.port=" + gatewayPort,
				"--management.server.port=0", "--coffer.gateway.nodes=" + String.join(",", nodeUris),
				"--coffer.identity.signing-key=" + signingKey));
		gatewayArguments.addAll(options.gatewayArguments());
		ServiceProcess gateway = ServiceProcess.launch("gateway", gatewayPort, gatewayJar, gatewayArguments, logDir);

		CofferCluster cluster = new CofferCluster(label, dataDir, nodes, gateway);
		try {
			cluster.awaitUp(cluster.allProcesses());
			if (!options.shamirInit()) {
				return cluster;
			}
			cluster.initialize();
			cluster.awaitEveryNodeInitialized();
			cluster.unseal();
			cluster.mountKvVersion2AtSecret();
			return cluster;
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	public URI gatewayUri() {
		return this.gateway.baseUri();
	}

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
		return await("an active secrets node").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.nodes.stream()
				.filter(ServiceProcess::isAlive)
				.filter(node -> this.http.statusOf(node.baseUri().resolve("/v1/sys/health")) == 200)
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Submits unseal keys through the gateway until it reports unsealed (starting over if
	 * a test left a partial attempt), then waits for an active node.
	 */
	public void unseal() {
		JsonNode status = this.http.get("sys/seal-status", null).json();
		if (status.get("sealed").asBoolean() && status.get("progress").asInt() > 0) {
			this.http.put("sys/unseal", Map.of("reset", true), null);
		}
		for (String key : unsealKeys()) {
			VaultReply reply = this.http.put("sys/unseal", Map.of("key", key), null);
			if (reply.status() != 200) {
				throw new IllegalStateException("sys/unseal answered " + reply.status() + " " + reply.body());
			}
			if (!reply.json().get("sealed").asBoolean()) {
				break;
			}
		}
		awaitActive();
	}

	/**
	 * Waits until the gateway's {@code sys/health} answers 200 (an unsealed active node
	 * serves requests).
	 */
	public void awaitActive() {
		await("gateway sys/health 200").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.http.get("sys/health", null).status() == 200);
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
	 * Starts every stopped secrets node again with its ports, data directory and
	 * arguments; returns once each answers HTTP (sealed or not).
	 */
	public void startNodes() {
		this.nodes.forEach(ServiceProcess::relaunch);
		awaitUp(this.nodes);
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
		awaitUp(List.of(node));
	}

	/**
	 * Submits unseal keys to one node directly (the gateway's fan-out answers "unsealed"
	 * as soon as any node is), until that node reports unsealed.
	 */
	public void unsealNode(ServiceProcess node) {
		VaultHttp direct = new VaultHttp(node.baseUri());
		for (String key : unsealKeys()) {
			VaultReply reply = direct.put("sys/unseal", Map.of("key", key), null);
			if (reply.status() != 200) {
				throw new IllegalStateException(
						node.name() + " sys/unseal answered " + reply.status() + " " + reply.body());
			}
			if (!reply.json().get("sealed").asBoolean()) {
				return;
			}
		}
		throw new IllegalStateException(node.name() + " is still sealed after every key");
	}

	public void stopGateway() {
		this.gateway.terminate();
		this.gateway.waitForExit(STOP_GRACE_SECONDS);
	}

	/** Starts the stopped gateway again on its port; returns once it reports healthy. */
	public void startGateway() {
		this.gateway.relaunch();
		awaitUp(List.of(this.gateway));
	}

	private List<ServiceProcess> allProcesses() {
		return Stream.concat(this.nodes.stream(), Stream.of(this.gateway)).toList();
	}

	private void awaitUp(List<ServiceProcess> processes) {
		processes.forEach((process) -> {
			URI probe = process.baseUri().resolve((process == this.gateway) ? "/readyz" : "/v1/sys/health");
			await(process.name() + " up").atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(process.name() + " exited during start-up; log " + process.logFile()
							+ ":\n" + process.logTail(40));
				}
				int status = this.http.statusOf(probe);
				return (process == this.gateway) ? status == 200 : status > 0;
			});
		});
	}

	private void initialize() {
		VaultReply reply = this.http.put("sys/init", Map.of("secret_shares", 5, "secret_threshold", 3), null);
		if (reply.status() != 200) {
			throw new IllegalStateException("sys/init answered " + reply.status() + " " + reply.body());
		}
		JsonNode json = reply.json();
		this.init = new InitResponse(strings(json.get("keys")), strings(json.get("keys_base64")),
				json.get("root_token").asString());
	}

	/**
	 * Init is acknowledged once a majority of nodes has stored it; a node still behind
	 * answers an unseal share with 400 "Vault is not initialized", and the gateway passes
	 * that on even when other nodes took the share. Waiting here keeps that window out of
	 * every test's set-up (deploy/local/run.sh waits the same way).
	 */
	private void awaitEveryNodeInitialized() {
		await("every node initialized").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.nodes.stream()
				.allMatch((node) -> this.http.statusOf(node.baseUri().resolve("/v1/sys/health")) != 501));
	}

	private void mountKvVersion2AtSecret() {
		VaultReply reply = this.http.post("sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")),
				rootToken());
		if (reply.status() != 204) {
			throw new IllegalStateException("mounting secret/ answered " + reply.status() + " " + reply.body());
		}
	}

	@Override
	public void close() {
		// Nothing of value is left in a test cluster, and a graceful Hazelcast shutdown
		// after a member was lost can
		// take minutes: kill outright.
		destroyAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
		deleteRecursively(this.dataDir);
	}

	private void destroyAll() {
		Stream.concat(Stream.of(this.gateway), this.nodes.stream()).forEach(ServiceProcess::destroyNow);
		Stream.concat(Stream.of(this.gateway), this.nodes.stream()).forEach((process) -> process.waitForExit(10));
	}

	@Override
	public String toString() {
		return "CofferCluster[" + this.label + ", " + this.nodes.size() + " nodes, gateway " + gatewayUri() + "]";
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((element) -> values.add(element.asString()));
		return values;
	}

	private static Path jar(String property) {
		String location = System.getProperty(property);
		if (location == null || !Files.isRegularFile(Path.of(location))) {
			throw new IllegalStateException("System property " + property + " must point at a built jar (was "
					+ location + "); run ./mvnw verify from the project root, which packages the services first");
		}
		return Path.of(location);
	}

	private static Path createTempDirectory(String label) {
		try {
			return Files.createTempDirectory("coffer-e2e-" + label + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
