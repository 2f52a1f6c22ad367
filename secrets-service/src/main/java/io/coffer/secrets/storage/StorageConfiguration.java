package io.coffer.secrets.storage;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import com.hazelcast.core.HazelcastInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.coffer.secrets.storage.replicated.ReplicatedStorage;
import io.coffer.secrets.storage.replicated.StorageSettings;

/**
 * Wires the replicated storage: one {@link ReplicatedStorage} serves as both the
 * {@link Storage} and the {@link HaCluster} bean. It starts (opens RocksDB, joins
 * Hazelcast) when the context creates it and closes (leaves the election, terminates
 * Hazelcast, closes RocksDB) when the context closes. Its Hazelcast member is exposed as
 * the only {@link HazelcastInstance} bean, so Spring Boot's Hazelcast auto-configuration
 * backs off instead of starting a second one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ NodeProperties.class, StorageProperties.class, ClusterProperties.class })
public class StorageConfiguration {

	@Bean(destroyMethod = "close")
	ReplicatedStorage replicatedStorage(NodeProperties node, StorageProperties storage, ClusterProperties cluster,
			ObjectProvider<Clock> clock, ObjectProvider<SecureRandom> random) {
		return ReplicatedStorage.start(settings(node, storage, cluster), clock.getIfAvailable(Clock::systemUTC),
				random.getIfAvailable(SecureRandom::new));
	}

	// the storage bean owns the member's lifecycle: no inferred shutdown() here
	@Bean(destroyMethod = "")
	HazelcastInstance hazelcastInstance(ReplicatedStorage storage) {
		return storage.hazelcast();
	}

	static StorageSettings settings(NodeProperties node, StorageProperties storage, ClusterProperties cluster) {
		Path dataDir = storage.dataDirFor(node.id());
		String self = cluster.bindHost() + ":" + cluster.port();
		List<String> members = (cluster.members() != null && !cluster.members().isEmpty()) ? cluster.members()
				: List.of(self);
		StorageSettings.Tuning tuning = new StorageSettings.Tuning(cluster.sessionTtl(),
				cluster.missingMemberAutoRemoval(), storage.logSlots(), storage.groupCommitDelay(),
				storage.writeTimeout());
		return new StorageSettings(node.id(), node.apiAddress(), dataDir, new StorageSettings.Cluster(cluster.name(),
				cluster.bindHost(), cluster.port(), members, cluster.size()), tuning);
	}

}
