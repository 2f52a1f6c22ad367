package io.coffer.secrets.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The pairs of a snapshot loaded for single-item recovery, in their own RocksDB beside
 * the replica (never whole in memory): {@link #load} fills it while the archive is read,
 * then it serves reads only. Values are kept as stored (barrier-encrypted); a write is
 * refused. {@link #close} drops the database and its directory.
 */
public final class LoadedSnapshotStorage implements Storage, AutoCloseable {

	private static final int BATCH_BYTES = 4 << 20;

	private static final byte AFTER_SLASH = '0';

	static {
		RocksDB.loadLibrary();
	}

	private final Path dir;

	private final Options options;

	private final RocksDB db;

	private final WriteOptions unsynced = new WriteOptions().setDisableWAL(true);

	private WriteBatch batch = new WriteBatch();

	private int batchBytes;

	private boolean loaded;

	private LoadedSnapshotStorage(Path dir, Options options, RocksDB db) {
		this.dir = dir;
		this.options = options;
		this.db = db;
	}

	/** Creates an empty database at {@code dir} (whatever was there is deleted first). */
	public static LoadedSnapshotStorage create(Path dir) {
		deleteTree(dir);
		Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(1);
		try {
			Files.createDirectories(dir);
			return new LoadedSnapshotStorage(dir, options, RocksDB.open(options, dir.toString()));
		}
		catch (RocksDBException | IOException ex) {
			options.close();
			throw new StorageException("cannot create the loaded snapshot's database at " + dir, ex);
		}
	}

	/** Adds one pair of the snapshot, as stored. */
	public synchronized void load(String key, byte[] value) {
		if (this.loaded) {
			throw new IllegalStateException("the snapshot is already loaded");
		}
		byte[] raw = key.getBytes(StandardCharsets.UTF_8);
		try {
			this.batch.put(raw, value);
		}
		catch (RocksDBException ex) {
			throw new StorageException("loading the snapshot failed", ex);
		}
		this.batchBytes += raw.length + value.length;
		if (this.batchBytes >= BATCH_BYTES) {
			flush();
		}
	}

	/** Writes what {@link #load} still buffers; from here on the database only reads. */
	public synchronized void finish() {
		flush();
		this.loaded = true;
	}

	private void flush() {
		try {
			this.db.write(this.unsynced, this.batch);
		}
		catch (RocksDBException ex) {
			throw new StorageException("loading the snapshot failed", ex);
		}
		finally {
			this.batch.close();
			this.batch = new WriteBatch();
			this.batchBytes = 0;
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		try {
			return Optional.ofNullable(this.db.get(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (RocksDBException ex) {
			throw new StorageException("reading the loaded snapshot failed", ex);
		}
	}

	@Override
	public List<String> list(String prefix) {
		byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
		TreeSet<String> out = new TreeSet<>();
		try (RocksIterator it = this.db.newIterator()) {
			it.seek(start);
			while (it.isValid()) {
				byte[] key = it.key();
				if (key.length < start.length || !Arrays.equals(key, 0, start.length, start, 0, start.length)) {
					break;
				}
				String rest = new String(key, start.length, key.length - start.length, StandardCharsets.UTF_8);
				int slash = rest.indexOf('/');
				if (slash < 0) {
					out.add(rest);
					it.next();
					continue;
				}
				String folder = rest.substring(0, slash + 1);
				out.add(folder);
				// skip the folder's subtree in one seek
				byte[] next = (prefix + folder).getBytes(StandardCharsets.UTF_8);
				next[next.length - 1] = AFTER_SLASH;
				it.seek(next);
			}
		}
		return new ArrayList<>(out);
	}

	@Override
	public void write(List<StorageOp> batch) {
		throw new StorageException("a loaded snapshot is read-only");
	}

	@Override
	public synchronized void close() {
		this.batch.close();
		this.unsynced.close();
		this.db.close();
		this.options.close();
		deleteTree(this.dir);
	}

	/** Deletes {@code dir} and everything below it, if it exists. */
	public static void deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new StorageException("cannot delete " + dir, ex);
		}
	}

}
