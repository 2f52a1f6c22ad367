package io.coffer.secrets.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class StorageConfigurationTest {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		int port = io.coffer.secrets.storage.replicated.TestPorts.free();
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HazelcastAutoConfiguration.class))
			.withUserConfiguration(StorageConfiguration.class)
			.withPropertyValues("coffer.node.id=spring-node", "coffer.node.api-address=http://127.0.0.1:18210",
					"coffer.storage.data-dir=" + this.dataDir, "coffer.cluster.name=coffer-test-" + UUID.randomUUID(),
					"coffer.cluster.bind-host=127.0.0.1", "coffer.cluster.port=" + port,
					"coffer.cluster.members=127.0.0.1:" + port, "coffer.cluster.size=1");
	}

	@Test
	void oneReplicatedStorageServesBothPortsWithTheOnlyHazelcastInstance() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(Storage.class).hasSingleBean(HaCluster.class);
			assertThat(context).hasSingleBean(HazelcastInstance.class);
			assertThat(context.getBean(Storage.class)).isSameAs(context.getBean(HaCluster.class));
			HaCluster ha = context.getBean(HaCluster.class);
			assertThat(ha.nodeId()).isEqualTo("spring-node");

			ha.awaitActive(Duration.ofSeconds(30));

			assertThat(ha.activeNode())
				.hasValueSatisfying((node) -> assertThat(node.apiAddress()).isEqualTo("http://127.0.0.1:18210"));
			// as the barrier does when sys/init creates the root key: only then may it
			// write
			context.getBean(Storage.class).authenticateLog(io.coffer.secrets.barrier.LogKey.derive(new byte[32]));
			context.getBean(Storage.class).put("sys/seal", "config".getBytes(StandardCharsets.UTF_8));
		});
		assertThat(Hazelcast.getAllHazelcastInstances())
			.noneMatch((hz) -> hz.getName().startsWith("coffer-spring-node"));

		// the closed context released RocksDB: a new one reads what the first wrote
		runner().run((context) -> assertThat(context.getBean(Storage.class).get("sys/seal")).isPresent());
	}

	@Test
	void clusterSizeTwoIsRefusedAtStartup() {
		runner().withPropertyValues("coffer.cluster.size=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("coffer.cluster.size"));
	}

}
