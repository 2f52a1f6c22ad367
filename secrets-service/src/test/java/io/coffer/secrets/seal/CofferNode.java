package io.coffer.secrets.seal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.SecretsServiceApplication;
import io.coffer.secrets.http.NodeClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole single-node Coffer (its own Spring context, storage, Hazelcast cluster name and
 * port, HTTP port) that can be stopped and started again on the same data dir and ports,
 * like a restarted process.
 */
public final class CofferNode implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String name;

	private final Path dataDir;

	private final String clusterName;

	private final int clusterPort;

	private final int httpPort;

	private ConfigurableApplicationContext context;

	public CofferNode(String name) {
		this(name, "coffer-seal-test-" + name + "-" + RANDOM.nextInt(1_000_000));
	}

	private CofferNode(String name, String clusterName) {
		this.name = name;
		this.dataDir = Path.of("target", "test-data", name + "-" + RANDOM.nextInt(1_000_000));
		this.clusterName = clusterName;
		this.clusterPort = freePort(20000 + RANDOM.nextInt(12000));
		this.httpPort = freePort(0);
	}

	/**
	 * The nodes of one multi-node cluster ({@code name-1} ...): one Hazelcast cluster
	 * name; start each with {@link #members(List)}.
	 */
	public static List<CofferNode> cluster(String name, int size) {
		String clusterName = "coffer-seal-test-" + name + "-" + RANDOM.nextInt(1_000_000);
		List<CofferNode> nodes = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			nodes.add(new CofferNode(name + "-" + i, clusterName));
		}
		return nodes;
	}

	/** The properties that make {@code nodes} one cluster of their size. */
	public static Map<String, String> members(List<CofferNode> nodes) {
		String members = String.join(",", nodes.stream().map((n) -> "127.0.0.1:" + n.clusterPort).toList());
		return Map.of("coffer.cluster.size", String.valueOf(nodes.size()), "coffer.cluster.members", members);
	}

	/**
	 * Starts the node with these extra properties (e.g. its seal) on top of the test
	 * config.
	 */
	public CofferNode start(Map<String, String> properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.httpPort, "--coffer.node.id=" + this.name,
				"--coffer.storage.data-dir=" + this.dataDir.toAbsolutePath(),
				"--coffer.cluster.name=" + this.clusterName, "--coffer.cluster.port=" + this.clusterPort));
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		this.context = new SpringApplicationBuilder(SecretsServiceApplication.class).run(args.toArray(String[]::new));
		return this;
	}

	public void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	/**
	 * The node's data directory (replica, audit journal): delete it to lose the node for
	 * good.
	 */
	public Path dataDir() {
		return this.dataDir;
	}

	public String address() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	public NodeClient client() {
		return new NodeClient(address());
	}

	public int health() {
		return client().call("GET", "sys/health", null).status();
	}

	@Override
	public void close() {
		stop();
	}

	/** The given port if it is free (0: any free port); the next free one otherwise. */
	private static int freePort(int preferred) {
		for (int port = preferred; port < 32000; port = (port == 0) ? 0 : port + 1) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress("127.0.0.1", port));
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				if (port == 0) {
					throw new IllegalStateException(ex);
				}
			}
		}
		throw new IllegalStateException("no free port");
	}

}
