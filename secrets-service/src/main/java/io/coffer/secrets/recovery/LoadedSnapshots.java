package io.coffer.secrets.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.LoadedSnapshotStorage;
import io.coffer.secrets.storage.NodeProperties;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageProperties;
import io.coffer.support.snapshot.InvalidSnapshotException;
import io.coffer.support.snapshot.SnapshotReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The snapshot loaded on this node for single-item recovery (Vault Enterprise's
 * {@code sys/storage/raft/snapshot-load}). As in Vault, one at a time, unloaded 72 hours
 * after it was loaded, and only on the node that loaded it (the active node: the gateway
 * sends every request there); it is also unloaded when this node seals, and a restart
 * starts with none. The archive is checked as a restore checks it while its pairs go
 * straight into a database under {@code <data-dir>/snapshot-loaded/<id>} (never whole in
 * memory), and its keyring must open with this cluster's root key.
 */
@Component
class LoadedSnapshots {

	private static final Logger logger = LoggerFactory.getLogger(LoadedSnapshots.class);

	/** Vault unloads a snapshot 72 hours after it was loaded. */
	static final Duration LIFETIME = Duration.ofHours(72);

	private final Barrier barrier;

	private final Clock clock;

	private final Path root;

	private LoadedSnapshot loaded;

	LoadedSnapshots(Barrier barrier, Clock clock, StorageProperties storage, NodeProperties node) {
		this.barrier = barrier;
		this.clock = clock;
		this.root = storage.dataDirFor(node.id()).resolve("snapshot-loaded");
		LoadedSnapshotStorage.deleteTree(this.root);
	}

	/**
	 * Loads the snapshot archive read from {@code archive}.
	 * @throws VaultException 400 for a damaged archive, another cluster's snapshot, or
	 * when a snapshot is already loaded; 503 when sealed
	 */
	synchronized LoadedSnapshot load(InputStream archive) {
		if (this.barrier.isSealed()) {
			throw new SealedException();
		}
		current();
		if (this.loaded != null) {
			throw VaultException.badRequest(
					"a snapshot is already loaded (" + this.loaded.id() + "): unload it before loading another one");
		}
		String id = UUID.randomUUID().toString();
		LoadedSnapshotStorage storage = LoadedSnapshotStorage.create(this.root.resolve(id));
		try {
			SnapshotManifest manifest = SnapshotReader.read(archive, storage::load);
			storage.finish();
			Barrier opened = this.barrier.openSnapshot(storage);
			Instant now = this.clock.instant();
			this.loaded = new LoadedSnapshot(
					new LoadedSnapshot.Identity(id, manifest.clusterId(), now, now.plus(LIFETIME)), storage, opened);
			logger.info("Loaded snapshot {} of cluster {} (log index {}, {} entries) for recovery", id,
					manifest.clusterId(), manifest.logIndex(), manifest.entryCount());
			return this.loaded;
		}
		catch (InvalidSnapshotException | IllegalArgumentException ex) {
			storage.close();
			throw VaultException.badRequest("invalid snapshot: " + ex.getMessage());
		}
		catch (BarrierException ex) {
			storage.close();
			throw VaultException.badRequest("the snapshot was not taken on this cluster: " + ex.getMessage());
		}
		catch (IOException ex) {
			storage.close();
			throw VaultException.badRequest("failed to read the snapshot: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			storage.close();
			throw ex;
		}
	}

	/** The loaded snapshot with this id, if it is loaded and not expired. */
	synchronized Optional<LoadedSnapshot> find(String id) {
		return current().filter((snapshot) -> snapshot.id().equals(id));
	}

	/**
	 * @throws VaultException 400 when no snapshot with this id is loaded on this node
	 */
	LoadedSnapshot require(String id) {
		return find(id).orElseThrow(() -> notLoaded(id));
	}

	static VaultException notLoaded(String id) {
		return VaultException.badRequest("snapshot " + id + " is not loaded");
	}

	synchronized List<String> ids() {
		return current().map((snapshot) -> List.of(snapshot.id())).orElse(List.of());
	}

	/** Unloads the snapshot with this id; false when none is loaded under it. */
	synchronized boolean unload(String id) {
		if (find(id).isEmpty()) {
			return false;
		}
		unloadCurrent("unloaded");
		return true;
	}

	@EventListener
	synchronized void onSealEvent(SealEvent event) {
		if (event instanceof SealEvent.Sealed && this.loaded != null) {
			unloadCurrent("unloaded as the node sealed");
		}
	}

	private Optional<LoadedSnapshot> current() {
		if (this.loaded != null && this.loaded.expiredAt(this.clock.instant())) {
			unloadCurrent("unloaded " + LIFETIME.toHours() + " hours after it was loaded");
		}
		return Optional.ofNullable(this.loaded);
	}

	private void unloadCurrent(String why) {
		LoadedSnapshot snapshot = this.loaded;
		this.loaded = null;
		try {
			snapshot.close();
		}
		catch (StorageException ex) {
			logger.warn("Snapshot {}: its database could not be deleted: {}", snapshot.id(), ex.getMessage());
		}
		logger.info("Snapshot {} {}", snapshot.id(), why);
	}

}
