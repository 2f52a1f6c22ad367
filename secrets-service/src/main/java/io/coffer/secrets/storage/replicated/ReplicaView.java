package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageSnapshot;

/**
 * A {@link StorageSnapshot} over a {@link ReplicaSnapshot} (one RocksDB snapshot and
 * iterator), read in chunks of {@link SnapshotSource#CHUNK_BYTES}; closing it releases
 * the RocksDB snapshot.
 */
final class ReplicaView implements StorageSnapshot {

	private final Replica replica;

	private final ReplicaSnapshot snapshot;

	private final Deque<Entry> buffered = new ArrayDeque<>();

	private boolean exhausted;

	private boolean closed;

	ReplicaView(Replica replica, ReplicaSnapshot snapshot) {
		this.replica = replica;
		this.snapshot = snapshot;
	}

	@Override
	public long epoch() {
		return this.snapshot.position().epoch().ordinal();
	}

	@Override
	public long index() {
		return this.snapshot.position().index();
	}

	@Override
	public Entry next() {
		if (this.buffered.isEmpty() && !this.exhausted) {
			fill();
		}
		return this.buffered.pollFirst();
	}

	private void fill() {
		ReplicaSnapshot.Chunk chunk;
		try {
			chunk = this.snapshot.next(SnapshotSource.CHUNK_BYTES);
		}
		catch (IllegalStateException ex) {
			throw new StorageException("the replica was replaced or closed while it was being read", ex);
		}
		for (int i = 0; i < chunk.keys().size(); i++) {
			byte[] raw = chunk.keys().get(i);
			String key = new String(raw, 1, raw.length - 1, StandardCharsets.UTF_8);
			this.buffered.addLast(new Entry(key, chunk.values().get(i)));
		}
		this.exhausted = chunk.last();
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.replica.release(this.snapshot);
		}
	}

}
