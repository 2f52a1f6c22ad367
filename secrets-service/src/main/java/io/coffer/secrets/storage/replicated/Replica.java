package io.coffer.secrets.storage.replicated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Stream;

import io.coffer.secrets.storage.StorageException;

/**
 * This node's replica under {@code data-dir}: the live database in {@code replica/}, and
 * the swap of a copied replica in place of it. A copy is built in {@code incoming/},
 * marked complete, then renamed over the live one; {@link #open} finishes or rolls back a
 * swap that a crash interrupted, so the node always restarts on one whole replica.
 */
final class Replica implements AutoCloseable {

	private static final String LIVE = "replica";

	private static final String INCOMING = "incoming";

	private static final String OLD = "replica.old";

	private static final String COMPLETE_MARKER = "COPY-COMPLETE";

	/** Prefix of a staged restore's directory; the staging id follows. */
	private static final String STAGED_PREFIX = "restore-";

	private static final String STAGED_MARKER = "STAGED";

	private final Path dataDir;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final Set<ReplicaSnapshot> snapshots = ConcurrentHashMap.newKeySet();

	private final Map<UUID, RocksReplica> staged = new ConcurrentHashMap<>();

	/** Open views of staged restores (peers copying them), closed with their restore. */
	private final Map<UUID, Set<ReplicaSnapshot>> stagedViews = new ConcurrentHashMap<>();

	private RocksReplica current;

	private Replica(Path dataDir, RocksReplica current) {
		this.dataDir = dataDir;
		this.current = current;
	}

	static Replica open(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
			recover(dataDir);
		}
		catch (IOException ex) {
			throw new StorageException("cannot prepare the data directory " + dataDir, ex);
		}
		return new Replica(dataDir, RocksReplica.open(dataDir.resolve(LIVE)));
	}

	Position position() {
		return read(RocksReplica::position);
	}

	Optional<byte[]> get(String key) {
		return read((db) -> db.get(key));
	}

	List<String> list(String prefix) {
		return read((db) -> db.list(prefix));
	}

	void apply(LogEntry entry) {
		apply(List.of(entry));
	}

	/**
	 * Consecutive entries in one durable batch (see {@link RocksReplica#apply(List)}).
	 */
	void apply(List<LogEntry> entries) {
		read((db) -> {
			db.apply(entries);
			return null;
		});
	}

	ReplicaSnapshot snapshot() {
		return read((db) -> {
			ReplicaSnapshot snapshot = db.snapshot();
			this.snapshots.add(snapshot);
			return snapshot;
		});
	}

	void release(ReplicaSnapshot snapshot) {
		this.snapshots.remove(snapshot);
		this.stagedViews.values().forEach((views) -> views.remove(snapshot));
		snapshot.close();
	}

	/** A fresh, empty database to build a copy in; replaces any unfinished one. */
	RocksReplica createIncoming() {
		Path incoming = this.dataDir.resolve(INCOMING);
		deleteTree(incoming);
		return RocksReplica.open(incoming);
	}

	/** Swaps the completed (and closed) incoming copy in place of the live replica. */
	void replaceWithIncoming() {
		this.lock.writeLock().lock();
		try {
			Files.createFile(this.dataDir.resolve(INCOMING).resolve(COMPLETE_MARKER));
			closeCurrent();
			Files.move(this.dataDir.resolve(LIVE), this.dataDir.resolve(OLD), StandardCopyOption.ATOMIC_MOVE);
			Files.move(this.dataDir.resolve(INCOMING), this.dataDir.resolve(LIVE), StandardCopyOption.ATOMIC_MOVE);
			Files.delete(this.dataDir.resolve(LIVE).resolve(COMPLETE_MARKER));
			deleteTree(this.dataDir.resolve(OLD));
			this.current = RocksReplica.open(this.dataDir.resolve(LIVE));
		}
		catch (IOException ex) {
			throw new StorageException("cannot install the copied replica", ex);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * A fresh, empty database to stage a restore in, kept open (for peers to copy it)
	 * until it is installed or dropped; replaces any other staged restore.
	 */
	RocksReplica createStaged(UUID id) {
		dropAllStaged();
		Path dir = stagedDir(id);
		deleteTree(dir);
		RocksReplica db = RocksReplica.open(dir);
		this.staged.put(id, db);
		return db;
	}

	/** Marks a staged restore complete (its pairs are written and verified). */
	void markStaged(UUID id) {
		RocksReplica db = this.staged.get(id);
		if (db == null) {
			throw new StorageException("no restore staged under " + id);
		}
		try {
			Files.createFile(stagedDir(id).resolve(STAGED_MARKER));
		}
		catch (IOException ex) {
			throw new StorageException("cannot mark the staged restore complete", ex);
		}
	}

	/** Whether a complete staged restore {@code id} is here. */
	boolean hasStaged(UUID id) {
		return this.staged.containsKey(id) && Files.exists(stagedDir(id).resolve(STAGED_MARKER));
	}

	/** A view of a complete staged restore, for a peer to copy; position EMPTY. */
	ReplicaSnapshot stagedSnapshot(UUID id) {
		RocksReplica db = this.staged.get(id);
		if (db == null || !hasStaged(id)) {
			throw new StorageException("no complete restore staged under " + id);
		}
		ReplicaSnapshot snapshot = db.snapshot();
		this.stagedViews.computeIfAbsent(id, (k) -> ConcurrentHashMap.newKeySet()).add(snapshot);
		return snapshot;
	}

	/**
	 * Replaces the live replica with the staged restore {@code id}, positioned at
	 * {@code at}: the restore entry. Swapped like a copy, so a crash finishes it or rolls
	 * it back (then the node copies from a peer).
	 */
	void installStaged(UUID id, Position at) {
		RocksReplica db = this.staged.remove(id);
		if (db == null) {
			throw new StorageException("no restore staged under " + id);
		}
		closeViews(id);
		db.writePosition(at);
		db.close();
		Path incoming = this.dataDir.resolve(INCOMING);
		try {
			deleteTree(incoming);
			Files.delete(stagedDir(id).resolve(STAGED_MARKER));
			Files.move(stagedDir(id), incoming, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new StorageException("cannot install the staged restore", ex);
		}
		replaceWithIncoming();
	}

	/** Drops a staged restore (aborted, or superseded). */
	void dropStaged(UUID id) {
		RocksReplica db = this.staged.remove(id);
		closeViews(id);
		if (db != null) {
			db.close();
		}
		deleteTree(stagedDir(id));
	}

	private void closeViews(UUID id) {
		Set<ReplicaSnapshot> views = this.stagedViews.remove(id);
		if (views != null) {
			views.forEach(ReplicaSnapshot::close);
		}
	}

	private void dropAllStaged() {
		List.copyOf(this.staged.keySet()).forEach(this::dropStaged);
	}

	private Path stagedDir(UUID id) {
		return this.dataDir.resolve(STAGED_PREFIX + id);
	}

	@Override
	public void close() {
		this.lock.writeLock().lock();
		try {
			dropAllStaged();
			closeCurrent();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private void closeCurrent() {
		if (this.current != null) {
			this.snapshots.forEach(ReplicaSnapshot::close);
			this.snapshots.clear();
			this.current.close();
			this.current = null;
		}
	}

	private <T> T read(Function<RocksReplica, T> action) {
		this.lock.readLock().lock();
		try {
			if (this.current == null) {
				throw new StorageException("the local replica is closed");
			}
			return action.apply(this.current);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private static void recover(Path dataDir) throws IOException {
		Path live = dataDir.resolve(LIVE);
		Path old = dataDir.resolve(OLD);
		Path incoming = dataDir.resolve(INCOMING);
		if (!Files.exists(live) && Files.exists(old)) {
			if (Files.exists(incoming.resolve(COMPLETE_MARKER))) {
				Files.move(incoming, live, StandardCopyOption.ATOMIC_MOVE);
			}
			else {
				Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		if (!Files.exists(live) && Files.exists(incoming.resolve(COMPLETE_MARKER))) {
			Files.move(incoming, live, StandardCopyOption.ATOMIC_MOVE);
		}
		Files.deleteIfExists(live.resolve(COMPLETE_MARKER));
		deleteTree(old);
		deleteTree(incoming);
		// a staged restore does not survive a restart: if its entry was committed, this
		// node copies the restored replica from a peer
		try (Stream<Path> staged = Files.list(dataDir)) {
			for (Path dir : staged.filter((p) -> p.getFileName().toString().startsWith(STAGED_PREFIX)).toList()) {
				deleteTree(dir);
			}
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
