package io.coffer.secrets.storage.replicated;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageOp;

/**
 * One RocksDB database holding this node's copy of the data plus the position it has
 * applied. Data keys are stored as {@code 'd' + utf8(key)}; the position under a meta key
 * is written in the same synced batch as the entry's operations, so a crash can never
 * separate the data from the index it corresponds to.
 */
final class RocksReplica implements AutoCloseable {

	static final byte DATA = 'd';

	private static final byte[] POSITION_KEY = "m:position".getBytes(StandardCharsets.UTF_8);

	/** '/' + 1: the first key after every key of a folder. */
	private static final byte AFTER_SLASH = '0';

	static {
		RocksDB.loadLibrary();
	}

	private final Options options;

	private final RocksDB db;

	private final WriteOptions synced = new WriteOptions().setSync(true);

	private final WriteOptions unsynced = new WriteOptions();

	private volatile Position position;

	private RocksReplica(Options options, RocksDB db, Position position) {
		this.options = options;
		this.db = db;
		this.position = position;
	}

	static RocksReplica open(Path dir) {
		Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(2);
		try {
			RocksDB db = RocksDB.open(options, dir.toString());
			byte[] stored = db.get(POSITION_KEY);
			return new RocksReplica(options, db, (stored != null) ? decodePosition(stored) : Position.EMPTY);
		}
		catch (RocksDBException ex) {
			options.close();
			throw new StorageException("cannot open the local replica at " + dir, ex);
		}
	}

	Position position() {
		return this.position;
	}

	Optional<byte[]> get(String key) {
		try {
			return Optional.ofNullable(this.db.get(dataKey(key)));
		}
		catch (RocksDBException ex) {
			throw new StorageException("local replica read failed", ex);
		}
	}

	List<String> list(String prefix) {
		byte[] start = dataKey(prefix);
		TreeSet<String> out = new TreeSet<>();
		try (RocksIterator it = this.db.newIterator()) {
			it.seek(start);
			while (it.isValid()) {
				byte[] key = it.key();
				if (!startsWith(key, start)) {
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
				// skip the folder's whole subtree in one seek instead of walking it
				byte[] folderKey = dataKey(prefix + folder);
				folderKey[folderKey.length - 1] = AFTER_SLASH;
				it.seek(folderKey);
			}
		}
		return new ArrayList<>(out);
	}

	/** Applies an entry and records its position, durably (fsync) and atomically. */
	void apply(LogEntry entry) {
		apply(List.of(entry));
	}

	/**
	 * Applies consecutive entries and records the last one's position in one synced
	 * batch: a follower that is behind pays one fsync for many entries.
	 */
	void apply(List<LogEntry> entries) {
		try (WriteBatch batch = new WriteBatch()) {
			for (LogEntry entry : entries) {
				for (StorageOp op : entry.ops()) {
					switch (op) {
						case StorageOp.Put put -> batch.put(dataKey(put.key()), put.value());
						case StorageOp.Delete delete -> batch.delete(dataKey(delete.key()));
					}
				}
			}
			Position last = entries.getLast().position();
			batch.put(POSITION_KEY, encodePosition(last));
			this.db.write(this.synced, batch);
			this.position = last;
		}
		catch (RocksDBException ex) {
			throw new StorageException("local replica write failed", ex);
		}
	}

	/**
	 * Bulk load of raw data keys while building a copy; made durable by the final
	 * position write.
	 */
	void putRaw(List<byte[]> keys, List<byte[]> values) {
		try (WriteBatch batch = new WriteBatch()) {
			for (int i = 0; i < keys.size(); i++) {
				batch.put(keys.get(i), values.get(i));
			}
			this.db.write(this.unsynced, batch);
		}
		catch (RocksDBException ex) {
			throw new StorageException("local replica write failed", ex);
		}
	}

	void writePosition(Position position) {
		try (WriteBatch batch = new WriteBatch()) {
			batch.put(POSITION_KEY, encodePosition(position));
			this.db.write(this.synced, batch);
			this.position = position;
		}
		catch (RocksDBException ex) {
			throw new StorageException("local replica write failed", ex);
		}
	}

	/** A consistent view of all data and the position it corresponds to. */
	ReplicaSnapshot snapshot() {
		org.rocksdb.Snapshot snapshot = this.db.getSnapshot();
		ReadOptions read = new ReadOptions().setSnapshot(snapshot);
		try {
			byte[] stored = this.db.get(read, POSITION_KEY);
			Position at = (stored != null) ? decodePosition(stored) : Position.EMPTY;
			RocksIterator it = this.db.newIterator(read);
			it.seek(new byte[] { DATA });
			return new ReplicaSnapshot(at, it, () -> {
				it.close();
				read.close();
				this.db.releaseSnapshot(snapshot);
			});
		}
		catch (RocksDBException ex) {
			read.close();
			this.db.releaseSnapshot(snapshot);
			throw new StorageException("cannot snapshot the local replica", ex);
		}
	}

	@Override
	public void close() {
		this.synced.close();
		this.unsynced.close();
		this.db.close();
		this.options.close();
	}

	static byte[] dataKey(String key) {
		byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[utf8.length + 1];
		out[0] = DATA;
		System.arraycopy(utf8, 0, out, 1, utf8.length);
		return out;
	}

	static byte[] encodePosition(Position position) {
		return ByteBuffer.allocate(24)
			.putLong(position.epoch().ordinal())
			.putLong(position.epoch().id())
			.putLong(position.index())
			.array();
	}

	static Position decodePosition(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		return new Position(new Epoch(in.getLong(), in.getLong()), in.getLong());
	}

	private static boolean startsWith(byte[] key, byte[] prefix) {
		return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
	}

}
