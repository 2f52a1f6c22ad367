package io.coffer.bench.limits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import io.coffer.bench.load.ClosedLoop;
import io.coffer.bench.load.Stats;
import io.coffer.bench.load.Timing;
import io.coffer.bench.load.Workload;

/**
 * The disk's ceiling for a replica apply: RocksDB puts with {@code sync=true} (one fsync
 * of the WAL each, or one per group when several threads write at once, as RocksDB groups
 * concurrent writers) on a temporary directory of the given file system.
 */
public final class RocksSyncLimit implements AutoCloseable {

	static {
		RocksDB.loadLibrary();
	}

	private final Path dir;

	private final Options options;

	private final RocksDB db;

	private final WriteOptions synced;

	private RocksSyncLimit(Path dir, Options options, RocksDB db) {
		this.dir = dir;
		this.options = options;
		this.db = db;
		this.synced = new WriteOptions().setSync(true);
	}

	public static RocksSyncLimit open(Path parent) throws IOException {
		Files.createDirectories(parent);
		Path dir = Files.createTempDirectory(parent, "coffer-bench-rocksdb-");
		Options options = new Options().setCreateIfMissing(true);
		try {
			return new RocksSyncLimit(dir, options, RocksDB.open(options, dir.toString()));
		}
		catch (RocksDBException ex) {
			options.close();
			deleteTree(dir);
			throw new IOException("cannot open RocksDB in " + dir, ex);
		}
	}

	public Path dir() {
		return this.dir;
	}

	public List<Stats> syncedPuts(ClosedLoop loop, int valueBytes) throws InterruptedException {
		byte[] value = new byte[valueBytes];
		String kind = "rocksdb-sync-put-" + loop.threads() + "t";
		return loop.run(Workload.of(kind,
				(seq) -> this.db.put(this.synced, ByteBuffer.allocate(8).putLong(seq).array(), value)));
	}

	/**
	 * What three nodes on one disk do: one thread per database, each waiting for its own
	 * fsync, all at once. {@code others} are the databases beside this one.
	 */
	public List<Stats> syncedPutsAcross(List<RocksSyncLimit> others, Timing timing, int valueBytes)
			throws InterruptedException {
		List<RocksSyncLimit> all = new ArrayList<>();
		all.add(this);
		all.addAll(others);
		byte[] value = new byte[valueBytes];
		AtomicInteger nextDb = new AtomicInteger();
		ThreadLocal<RocksSyncLimit> mine = ThreadLocal
			.withInitial(() -> all.get(nextDb.getAndIncrement() % all.size()));
		return new ClosedLoop(all.size(), timing).run(Workload.of("rocksdb-sync-put-" + all.size() + "db", (seq) -> {
			RocksSyncLimit db = mine.get();
			db.db.put(db.synced, ByteBuffer.allocate(8).putLong(seq).array(), value);
		}));
	}

	@Override
	public void close() throws IOException {
		this.synced.close();
		this.db.close();
		this.options.close();
		deleteTree(this.dir);
	}

	private static void deleteTree(Path root) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

}
