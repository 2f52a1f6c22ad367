package io.coffer.secrets.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code coffer.storage.*}: where the replica lives and how writes are batched.
 *
 * @param dataDir RocksDB and any local state live below it; defaults to
 * {@code .coffer/local/<node id>}
 * @param logSlots ring size of the CP log; a node further behind copies a replica
 * @param groupCommitDelay how long the active collects writes into one log entry
 * @param writeTimeout how long a write waits for a majority before failing as unknown
 */
@ConfigurationProperties("coffer.storage")
public record StorageProperties(Path dataDir, @DefaultValue("1024") int logSlots,
		@DefaultValue("2ms") Duration groupCommitDelay, @DefaultValue("30s") Duration writeTimeout) {

	/** The data directory of node {@code nodeId}: the configured one, or the default. */
	public Path dataDirFor(String nodeId) {
		return (this.dataDir != null) ? this.dataDir : Path.of(".coffer", "local", nodeId);
	}

}
