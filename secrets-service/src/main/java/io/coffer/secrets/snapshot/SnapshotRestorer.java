package io.coffer.secrets.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.SnapshotUnavailableException;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageRestore;
import io.coffer.secrets.storage.StorageSnapshots;
import io.coffer.support.snapshot.InvalidSnapshotException;
import io.coffer.support.snapshot.SnapshotReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Restores a snapshot streamed in the request body: every pair goes straight into a
 * restore staged by storage (never whole in memory), the archive is checked as it is read
 * (format, checksums, counts, key order), and only then is the restore committed on every
 * node through the log. Any refusal leaves the stored state untouched.
 * <p>
 * The snapshot's keyring must open with this cluster's root key, unless the restore is
 * forced ({@code snapshot-force}, Vault's disaster recovery into another cluster): then
 * the state of the other cluster replaces this one's, seal records included, and every
 * node seals, to be unsealed with the snapshot's cluster's keys.
 */
@Component
class SnapshotRestorer {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotRestorer.class);

	private final StorageSnapshots storage;

	private final SealService seal;

	private final Barrier barrier;

	private final Duration timeout;

	SnapshotRestorer(StorageSnapshots storage, SealService seal, Barrier barrier,
			@Value("${coffer.snapshot.restore-timeout:10m}") Duration timeout) {
		this.storage = storage;
		this.seal = seal;
		this.barrier = barrier;
		this.timeout = timeout;
	}

	/**
	 * @param force whether another cluster's snapshot may replace this cluster's state
	 */
	LogicalResponse restore(InputStream body, boolean force) {
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		long started = System.nanoTime();
		try (StorageRestore restore = this.storage.beginRestore()) {
			SnapshotManifest manifest = SnapshotReader.read(body, restore::put);
			byte[] keyring = restore.get(Barrier.KEYRING_PATH)
				.orElseThrow(() -> VaultException.badRequest("invalid snapshot: it holds no keyring"));
			boolean foreign = !this.barrier.opensKeyring(keyring);
			if (foreign && !force) {
				throw VaultException.badRequest("the snapshot was taken on another cluster (cluster "
						+ manifest.clusterId() + "): its keyring does not open with this cluster's root key; "
						+ "use sys/storage/raft/snapshot-force to replace this cluster's state with it");
			}
			if (foreign) {
				commitForeign(restore, manifest);
			}
			else {
				restore.commit(this.timeout);
			}
			logger.info("Restored the snapshot of cluster {} taken on node {} at log ({}, {}): {} entries in {} ms{}",
					manifest.clusterId(), manifest.nodeId(), manifest.logEpoch(), manifest.logIndex(),
					manifest.entryCount(), (System.nanoTime() - started) / 1_000_000,
					foreign ? "; another cluster's state: the nodes are sealed" : "");
			return LogicalResponse.empty();
		}
		catch (InvalidSnapshotException | IllegalArgumentException ex) {
			throw VaultException.badRequest("invalid snapshot: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw VaultException.badRequest("failed to read the snapshot: " + ex.getMessage());
		}
		catch (SnapshotUnavailableException | SealedException ex) {
			throw new VaultException(503, ex.getMessage());
		}
		catch (StorageException ex) {
			logger.warn("Restoring a snapshot failed: {}", ex.getMessage());
			throw new VaultException(500, "failed to restore the snapshot: " + ex.getMessage());
		}
	}

	/**
	 * Commits another cluster's state, then seals this node once it holds that state
	 * (also when the outcome is unknown but the restore was installed here): the root key
	 * it holds opens the replaced keyring only.
	 */
	private void commitForeign(StorageRestore restore, SnapshotManifest manifest) {
		logger.warn("Forced restore of cluster {}'s snapshot: this cluster's state, keys and tokens are replaced; "
				+ "every node seals and is unsealed with that cluster's keys", manifest.clusterId());
		try {
			restore.commitForeign(this.timeout);
		}
		finally {
			if (!this.seal.isSealed() && !this.barrier.opensStoredKeyring()) {
				this.seal.sealForForeignState();
			}
		}
	}

}
