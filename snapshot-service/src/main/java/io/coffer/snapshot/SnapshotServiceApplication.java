package io.coffer.snapshot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * snapshot-service: Vault Enterprise's automated snapshots (README.md). It owns
 * {@code sys/storage/raft/snapshot-auto} (the configurations and their status live behind
 * the barrier on the secrets nodes) and takes, stores, verifies and rotates the
 * snapshots. Stateless: any number of instances, exactly one snapshot per tick.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SnapshotServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SnapshotServiceApplication.class, args);
	}

}
