package io.coffer.secrets.storage.replicated;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import io.coffer.secrets.storage.StorageOp;

/**
 * Binary form of a {@link LogEntry}: a fixed header (readable without decoding the batch,
 * for the CP functions), the operations (together: the body, which the entry's HMAC
 * covers), the tag (key id, 0 if none, and the 32-byte MAC) and a CRC32C of everything
 * before it.
 */
final class LogCodec {

	private static final byte VERSION = 2;

	/**
	 * The version of a restore entry: a node that does not know restores refuses it as an
	 * unknown version instead of misreading it.
	 */
	private static final byte VERSION_RESTORE = 3;

	private static final byte FLAG_GENESIS = 1;

	private static final byte FLAG_RESTORE = 2;

	/** With {@link #FLAG_RESTORE}: the restored state is another cluster's. */
	private static final byte FLAG_FOREIGN = 4;

	private static final int RESTORE_BYTES = 16 + RestoreMark.DIGEST_BYTES + 8;

	private static final byte OP_PUT = 1;

	private static final byte OP_DELETE = 2;

	private static final int HEADER_BYTES = 1 + 8 + 8 + 8 + 8 + 1;

	private LogCodec() {
	}

	private static final int TAG_BYTES = 8 + LogAuth.MAC_BYTES;

	static byte[] encode(LogEntry entry) {
		byte[] body = body(entry);
		ByteBuffer out = ByteBuffer.allocate(body.length + TAG_BYTES + 4);
		out.put(body);
		LogAuth.Tag tag = entry.tag();
		out.putLong((tag != null) ? tag.keyId() : 0);
		out.put((tag != null) ? tag.mac() : new byte[LogAuth.MAC_BYTES]);
		out.putInt(crc(out.array(), out.capacity() - 4));
		return out.array();
	}

	/** What an entry's HMAC covers: every field but the tag. */
	static byte[] body(LogEntry entry) {
		List<byte[]> keys = new ArrayList<>(entry.ops().size());
		int size = HEADER_BYTES + (entry.isGenesis() ? 16 : 0) + (entry.isRestore() ? RESTORE_BYTES : 0) + 4;
		for (StorageOp op : entry.ops()) {
			byte[] key = op.key().getBytes(StandardCharsets.UTF_8);
			keys.add(key);
			size += 1 + 4 + key.length + ((op instanceof StorageOp.Put put) ? 4 + put.value().length : 0);
		}
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(entry.isRestore() ? VERSION_RESTORE : VERSION);
		out.putLong(entry.epoch().ordinal()).putLong(entry.epoch().id());
		out.putLong(entry.index()).putLong(entry.fence());
		out.put((byte) ((entry.isGenesis() ? FLAG_GENESIS : 0) | (entry.isRestore() ? FLAG_RESTORE : 0)
				| ((entry.isRestore() && entry.restore().foreign()) ? FLAG_FOREIGN : 0)));
		if (entry.isGenesis()) {
			out.putLong(entry.previous().ordinal()).putLong(entry.previous().id());
		}
		if (entry.isRestore()) {
			RestoreMark mark = entry.restore();
			out.putLong(mark.id().getMostSignificantBits()).putLong(mark.id().getLeastSignificantBits());
			out.put(mark.digest()).putLong(mark.count());
		}
		out.putInt(entry.ops().size());
		for (int i = 0; i < entry.ops().size(); i++) {
			StorageOp op = entry.ops().get(i);
			out.put((op instanceof StorageOp.Put) ? OP_PUT : OP_DELETE);
			out.putInt(keys.get(i).length).put(keys.get(i));
			if (op instanceof StorageOp.Put put) {
				out.putInt(put.value().length).put(put.value());
			}
		}
		return out.array();
	}

	static LogEntry decode(byte[] bytes) {
		if (bytes.length < HEADER_BYTES + 4 + TAG_BYTES + 4
				|| crc(bytes, bytes.length - 4) != ByteBuffer.wrap(bytes).getInt(bytes.length - 4)) {
			throw new CorruptEntryException("log entry checksum mismatch");
		}
		try {
			ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4 - TAG_BYTES);
			Header header = readHeader(in);
			Epoch previous = header.genesis() ? new Epoch(in.getLong(), in.getLong()) : null;
			RestoreMark restore = null;
			if (header.restore()) {
				java.util.UUID id = new java.util.UUID(in.getLong(), in.getLong());
				byte[] digest = new byte[RestoreMark.DIGEST_BYTES];
				in.get(digest);
				restore = new RestoreMark(id, digest, in.getLong(), header.foreign());
			}
			int count = in.getInt();
			List<StorageOp> ops = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				byte type = in.get();
				String key = new String(readBytes(in), StandardCharsets.UTF_8);
				ops.add((type == OP_PUT) ? new StorageOp.Put(key, readBytes(in)) : new StorageOp.Delete(key));
			}
			if (in.hasRemaining()) {
				throw new CorruptEntryException("malformed log entry");
			}
			ByteBuffer tagIn = ByteBuffer.wrap(bytes, bytes.length - 4 - TAG_BYTES, TAG_BYTES);
			long keyId = tagIn.getLong();
			byte[] mac = new byte[LogAuth.MAC_BYTES];
			tagIn.get(mac);
			return new LogEntry(header.epoch(), header.index(), header.fence(), previous, ops, restore,
					(keyId != 0) ? new LogAuth.Tag(keyId, mac) : null);
		}
		catch (BufferUnderflowException | IllegalArgumentException ex) {
			throw new CorruptEntryException("malformed log entry");
		}
	}

	static Header header(byte[] bytes) {
		if (bytes.length < HEADER_BYTES) {
			throw new CorruptEntryException("log entry too short");
		}
		return readHeader(ByteBuffer.wrap(bytes));
	}

	private static Header readHeader(ByteBuffer in) {
		byte version = in.get();
		if (version != VERSION && version != VERSION_RESTORE) {
			throw new CorruptEntryException("unknown log entry version");
		}
		Epoch epoch = new Epoch(in.getLong(), in.getLong());
		long index = in.getLong();
		long fence = in.getLong();
		byte flags = in.get();
		boolean restore = (flags & FLAG_RESTORE) != 0;
		boolean foreign = (flags & FLAG_FOREIGN) != 0;
		if (restore != (version == VERSION_RESTORE) || (foreign && !restore)
				|| (flags & ~(FLAG_GENESIS | FLAG_RESTORE | FLAG_FOREIGN)) != 0) {
			throw new CorruptEntryException("malformed log entry");
		}
		return new Header(epoch, index, fence, (flags & FLAG_GENESIS) != 0, restore, foreign);
	}

	private static byte[] readBytes(ByteBuffer in) {
		int length = in.getInt();
		if (length < 0 || length > in.remaining()) {
			throw new CorruptEntryException("malformed log entry");
		}
		byte[] bytes = new byte[length];
		in.get(bytes);
		return bytes;
	}

	private static int crc(byte[] bytes, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, length);
		return (int) crc.getValue();
	}

	/** The fixed fields of an encoded entry. */
	record Header(Epoch epoch, long index, long fence, boolean genesis, boolean restore, boolean foreign) {

		Position position() {
			return new Position(this.epoch, this.index);
		}

	}

	/** An entry failed its checksum or could not be parsed. */
	static final class CorruptEntryException extends RuntimeException {

		CorruptEntryException(String message) {
			super(message);
		}

	}

}
