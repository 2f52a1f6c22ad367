package io.coffer.secrets.storage.replicated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

	private final Path dataDir;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final Set<ReplicaSnapshot> snapshots = ConcurrentHashMap.newKeySet();

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

	@Override
	public void close() {
		this.lock.writeLock().lock();
		try {
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
