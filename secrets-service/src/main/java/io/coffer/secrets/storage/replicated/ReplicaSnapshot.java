package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.rocksdb.RocksIterator;

/**
 * A point-in-time view of a replica, read in chunks to copy it to another node. The
 * SHA-256 digest covers the position and every key and value in order; the receiver
 * computes the same digest and refuses the copy on a mismatch.
 */
final class ReplicaSnapshot implements AutoCloseable {

	private final Position position;

	private final RocksIterator iterator;

	private final Runnable release;

	private final MessageDigest digest = sha256();

	private boolean closed;

	ReplicaSnapshot(Position position, RocksIterator iterator, Runnable release) {
		this.position = position;
		this.iterator = iterator;
		this.release = release;
		digestPosition(this.digest, position);
	}

	Position position() {
		return this.position;
	}

	synchronized Chunk next(int maxBytes) {
		if (this.closed) {
			throw new IllegalStateException("snapshot closed");
		}
		List<byte[]> keys = new ArrayList<>();
		List<byte[]> values = new ArrayList<>();
		int bytes = 0;
		while (this.iterator.isValid() && bytes < maxBytes) {
			byte[] key = this.iterator.key();
			if (key.length == 0 || key[0] != RocksReplica.DATA) {
				break;
			}
			byte[] value = this.iterator.value();
			keys.add(key);
			values.add(value);
			digestPair(this.digest, key, value);
			bytes += key.length + value.length;
			this.iterator.next();
		}
		boolean last = !this.iterator.isValid() || this.iterator.key()[0] != RocksReplica.DATA;
		return new Chunk(keys, values, last ? this.digest.digest() : null);
	}

	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.release.run();
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void digestPosition(MessageDigest digest, Position position) {
		digest.update(RocksReplica.encodePosition(position));
	}

	static void digestPair(MessageDigest digest, byte[] key, byte[] value) {
		digest.update(ByteBuffer.allocate(4).putInt(key.length).array());
		digest.update(key);
		digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
		digest.update(value);
	}

	/**
	 * Raw data keys and values; {@code digest} is set on the last chunk only.
	 */
	record Chunk(List<byte[]> keys, List<byte[]> values, byte[] digest) implements Serializable {

		boolean last() {
			return this.digest != null;
		}

	}

}
