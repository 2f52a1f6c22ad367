package io.coffer.secrets.recovery;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.storage.LoadedSnapshotStorage;

/**
 * One snapshot loaded on this node: its pairs in their own read-only database and a
 * barrier opened with the snapshot's keyring, so an engine built over a view of it reads
 * the snapshot's data exactly as it reads live data. Engines are built once per mount.
 * Every use runs under {@link #use}, so an unload waits for the requests using it and
 * never closes the database under them.
 */
final class LoadedSnapshot implements AutoCloseable {

	private final String id;

	private final String clusterId;

	private final Instant createdAt;

	private final Instant expiresAt;

	private final LoadedSnapshotStorage storage;

	private final Barrier barrier;

	private final Map<String, SecretEngine> engines = new ConcurrentHashMap<>();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private boolean closed;

	LoadedSnapshot(Identity identity, LoadedSnapshotStorage storage, Barrier barrier) {
		this.id = identity.id();
		this.clusterId = identity.clusterId();
		this.createdAt = identity.createdAt();
		this.expiresAt = identity.expiresAt();
		this.storage = storage;
		this.barrier = barrier;
	}

	String id() {
		return this.id;
	}

	boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/** The engine of {@code mount} over the snapshot's copy of that mount's data. */
	SecretEngine engine(MountEntry mount, Function<BarrierView, SecretEngine> create) {
		return this.engines.computeIfAbsent(mount.uuid(),
				(uuid) -> create.apply(this.barrier.view(MountService.DATA_PREFIX + uuid + "/")));
	}

	/** Vault's fields of {@code GET sys/storage/raft/snapshot-load/:id}. */
	Map<String, Object> status() {
		return Map.of("snapshot_id", this.id, "cluster_id", this.clusterId, "created_at", this.createdAt.toString(),
				"expires_at", this.expiresAt.toString(), "status", "ready");
	}

	/**
	 * Runs {@code work} while the snapshot stays loaded.
	 * @throws VaultException 400 when it was unloaded meanwhile
	 */
	<T> T use(Supplier<T> work) {
		this.lock.readLock().lock();
		try {
			if (this.closed) {
				throw LoadedSnapshots.notLoaded(this.id);
			}
			return work.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Drops the snapshot's keys and deletes its database, once the requests using it are
	 * done.
	 */
	@Override
	public void close() {
		this.lock.writeLock().lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.engines.clear();
			try {
				this.barrier.seal();
			}
			finally {
				this.storage.close();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** What identifies a loaded snapshot. */
	record Identity(String id, String clusterId, Instant createdAt, Instant expiresAt) {
	}

}
