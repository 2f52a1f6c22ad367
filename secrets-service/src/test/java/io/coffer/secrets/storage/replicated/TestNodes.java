package io.coffer.secrets.storage.replicated;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.coffer.secrets.barrier.LogKey;
import io.coffer.secrets.storage.LogMac;

/**
 * Settings for storage nodes in the test JVM: free ports, a cluster name of their own.
 */
final class TestNodes {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Set<Integer> HANDED_OUT = new HashSet<>();

	private TestNodes() {
	}

	/**
	 * The log key every test node holds, as if unsealed (the barrier derives it in a real
	 * node).
	 */
	private static final byte[] ROOT_KEY = "coffer-test-root-key-32-bytes-xx".getBytes(StandardCharsets.UTF_8);

	/** The log key every test node holds, as if unsealed with the same root key. */
	static LogMac logKey() {
		return LogKey.derive(ROOT_KEY);
	}

	/** The log key of another root key (another cluster, or an attacker's guess). */
	static LogMac otherKey() {
		return LogKey.derive(new byte[32]);
	}

	/** Starts a node holding {@link #logKey()} from its first step. */
	static ReplicatedStorage start(StorageSettings settings) {
		return ReplicatedStorage.start(settings, java.time.Clock.systemUTC(), new SecureRandom(), logKey());
	}

	static StorageSettings single(Path dataDir) {
		int port = freePort();
		String address = "127.0.0.1:" + port;
		return new StorageSettings("solo", "http://127.0.0.1:1", dataDir,
				new StorageSettings.Cluster(clusterName(), "127.0.0.1", port, List.of(address), 1),
				StorageSettings.Tuning.defaults());
	}

	/**
	 * Settings for {@code count} nodes of one cluster, data under {@code root/node<i>}.
	 */
	static List<StorageSettings> cluster(Path root, int count, StorageSettings.Tuning tuning) {
		String name = clusterName();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ports.add(freePort());
		}
		List<String> members = ports.stream().map((p) -> "127.0.0.1:" + p).toList();
		List<StorageSettings> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			out.add(new StorageSettings("node" + (i + 1), "http://127.0.0.1:" + (18000 + i),
					root.resolve("node" + (i + 1)),
					new StorageSettings.Cluster(name, "127.0.0.1", ports.get(i), members, count), tuning));
		}
		return out;
	}

	static StorageSettings.Tuning fastTuning() {
		return new StorageSettings.Tuning(Duration.ofSeconds(4), Duration.ofSeconds(30), 64, Duration.ofMillis(1),
				Duration.ofSeconds(20));
	}

	static String clusterName() {
		return "coffer-test-" + UUID.randomUUID();
	}

	/**
	 * A free port below Linux's ephemeral range (32768+). A port from {@code new
	 * ServerSocket(0)} lies inside it, and a member probing a not-yet-started peer there
	 * can connect to itself (TCP self-connect), which then keeps the peer from binding
	 * its port.
	 */
	static synchronized int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20000 + RANDOM.nextInt(12000);
			if (HANDED_OUT.add(port) && bindable(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port below the ephemeral range");
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
