package io.coffer.secrets.storage.replicated;

import java.util.Map;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.config.cp.FencedLockConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/** Builds this node's Hazelcast member programmatically (no XML, no multicast). */
final class HazelcastFactory {

	static final String USER_CONTEXT_KEY = "coffer.storage.snapshots";

	private HazelcastFactory() {
	}

	static HazelcastInstance start(StorageSettings settings, SnapshotSource snapshots) {
		return Hazelcast.newHazelcastInstance(config(settings, snapshots));
	}

	static Config config(StorageSettings settings, SnapshotSource snapshots) {
		StorageSettings.Cluster cluster = settings.cluster();
		Config config = new Config();
		config.setClusterName(cluster.name());
		config.setInstanceName("coffer-" + settings.nodeId() + "-" + cluster.port());
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.logging.type", "slf4j");
		config.setProperty("hazelcast.socket.bind.any", "false");
		// a killed node must leave the member list in seconds, not Hazelcast's default
		// minute
		config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
		config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
		config.setProperty("hazelcast.wait.seconds.before.join", "1");
		config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
		config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
		// nothing partitioned is stored here (the log lives in CP), so few partitions
		// suffice
		config.setProperty("hazelcast.partition.count", "31");
		config.getJetConfig().setEnabled(false);
		config.setUserContext(new java.util.concurrent.ConcurrentHashMap<>(Map.of(USER_CONTEXT_KEY, snapshots)));

		NetworkConfig network = config.getNetworkConfig();
		network.setPort(cluster.port()).setPortAutoIncrement(false);
		network.getInterfaces().setEnabled(true).addInterface(cluster.bindHost());
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());

		cpConfig(config.getCPSubsystemConfig(), settings);
		config.getSerializationConfig().setJavaSerializationFilterConfig(deserializationFilter());
		return config;
	}

	/**
	 * Java deserialization accepts only the classes Coffer sends between its members
	 * (this package's records, CP functions and copy tasks), Hazelcast's own, and the JDK
	 * classes they contain (collections, UUID, exceptions of failed remote calls). Any
	 * other class in a packet from the cluster port is refused before it is instantiated,
	 * so a deserialization gadget is never loaded. Hazelcast's default list would accept
	 * every {@code java*} class.
	 */
	static JavaSerializationFilterConfig deserializationFilter() {
		JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
		filter.getWhitelist()
			.addPrefixes(HazelcastFactory.class.getPackageName() + ".", "com.hazelcast.", "[")
			.addPackages("java.lang", "java.util", "java.util.concurrent");
		return filter;
	}

	private static void cpConfig(CPSubsystemConfig cp, StorageSettings settings) {
		StorageSettings.Tuning tuning = settings.tuning();
		cp.setCPMemberCount(settings.cluster().cpMemberCount());
		cp.setSessionTimeToLiveSeconds((int) tuning.sessionTtl().toSeconds());
		cp.setSessionHeartbeatIntervalSeconds(1);
		cp.setMissingCPMemberAutoRemovalSeconds((int) tuning.missingMemberAutoRemoval().toSeconds());
		// a dead Raft leader is noticed after ~2.5 s instead of the default 25 s
		cp.getRaftAlgorithmConfig()
			.setLeaderHeartbeatPeriodInMillis(500)
			.setMaxMissedLeaderHeartbeatCount(5)
			.setLeaderElectionTimeoutInMillis(1000);
		cp.addLockConfig(new FencedLockConfig(CpNames.ACTIVE_LOCK, 1));
	}

}
