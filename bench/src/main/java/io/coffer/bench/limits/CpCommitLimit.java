package io.coffer.bench.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicLong;
import com.hazelcast.cp.IAtomicReference;

import io.coffer.bench.load.ClosedLoop;
import io.coffer.bench.load.Stats;
import io.coffer.bench.load.Workload;

/**
 * The ceiling of a Coffer write: Raft commits of Hazelcast CP with nothing else around
 * them. Three CP members run inside this JVM (their own cluster name, ports in
 * 20000–31999, loopback only) with the Raft timings the nodes use, and N threads commit
 * through them round-robin, as writes reach the CP group through whichever member is the
 * active node.
 */
public final class CpCommitLimit implements AutoCloseable {

	private static final int MEMBERS = 3;

	private static final int PORT_LOW = 20000;

	private static final int PORT_HIGH = 31999;

	private final List<HazelcastInstance> members;

	private CpCommitLimit(List<HazelcastInstance> members) {
		this.members = members;
	}

	public static CpCommitLimit start(SecureRandom random) {
		Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
		int base = freePortBlock(random);
		String clusterName = "coffer-bench-" + Long.toHexString(random.nextLong());
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			addresses.add("127.0.0.1:" + (base + i));
		}
		AtomicReferenceArray<HazelcastInstance> started = new AtomicReferenceArray<>(MEMBERS);
		List<Thread> starters = new ArrayList<>();
		// members start in parallel: CP discovery waits for all three
		for (int i = 0; i < MEMBERS; i++) {
			int index = i;
			starters.add(Thread.ofPlatform()
				.start(() -> started.set(index,
						Hazelcast.newHazelcastInstance(config(clusterName, base + index, addresses)))));
		}
		List<HazelcastInstance> members = new ArrayList<>();
		try {
			for (Thread starter : starters) {
				starter.join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (int i = 0; i < MEMBERS; i++) {
			if (started.get(i) != null) {
				members.add(started.get(i));
			}
		}
		CpCommitLimit limit = new CpCommitLimit(members);
		if (members.size() != MEMBERS) {
			limit.close();
			throw new IllegalStateException("could not start " + MEMBERS + " Hazelcast members");
		}
		return limit;
	}

	/** {@code IAtomicLong.incrementAndGet}: one Raft commit of a few bytes per call. */
	public List<Stats> atomicLong(ClosedLoop loop) throws InterruptedException {
		List<IAtomicLong> counters = new ArrayList<>();
		this.members.forEach((m) -> counters.add(m.getCPSubsystem().getAtomicLong("bench.counter")));
		counters.get(0).incrementAndGet();
		return loop
			.run(Workload.of("cp-atomic-long", (seq) -> counters.get((int) (seq % counters.size())).incrementAndGet()));
	}

	/**
	 * {@code IAtomicReference.set} of {@code valueBytes}: one Raft commit carrying about
	 * what a small log entry carries.
	 */
	public List<Stats> atomicReference(ClosedLoop loop, int valueBytes) throws InterruptedException {
		List<IAtomicReference<byte[]>> refs = new ArrayList<>();
		this.members.forEach((m) -> refs.add(m.getCPSubsystem().getAtomicReference("bench.ref")));
		byte[] value = new byte[valueBytes];
		refs.get(0).set(value);
		return loop.run(Workload.of("cp-reference-set", (seq) -> refs.get((int) (seq % refs.size())).set(value)));
	}

	@Override
	public void close() {
		// terminate, not shutdown: a graceful CP leave can hang for minutes
		this.members.forEach((m) -> m.getLifecycleService().terminate());
	}

	private static Config config(String clusterName, int port, List<String> members) {
		Config config = new Config();
		config.setClusterName(clusterName);
		config.setInstanceName(clusterName + "-" + port);
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.logging.type", "jdk");
		config.setProperty("hazelcast.socket.bind.any", "false");
		config.setProperty("hazelcast.wait.seconds.before.join", "1");
		config.setProperty("hazelcast.partition.count", "31");
		config.getJetConfig().setEnabled(false);
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(port).setPortAutoIncrement(false);
		network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(true).setMembers(members);
		config.getCPSubsystemConfig().setCPMemberCount(MEMBERS);
		config.getCPSubsystemConfig()
			.getRaftAlgorithmConfig()
			.setLeaderHeartbeatPeriodInMillis(500)
			.setMaxMissedLeaderHeartbeatCount(5)
			.setLeaderElectionTimeoutInMillis(1000);
		return config;
	}

	/**
	 * Three consecutive free ports below the ephemeral range (a member probing a peer
	 * that has not bound yet must not get that port as its own local port).
	 */
	private static int freePortBlock(SecureRandom random) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = PORT_LOW + random.nextInt(PORT_HIGH - PORT_LOW - MEMBERS);
			if (free(base) && free(base + 1) && free(base + 2)) {
				return base;
			}
		}
		throw new IllegalStateException("no three free ports in " + PORT_LOW + "-" + PORT_HIGH);
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
