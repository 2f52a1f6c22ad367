package io.coffer.secrets.audit.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A journal entry as stored: its position, time, the SHA-256 of the previous entry's
 * bytes ({@code prev}, 32 zero bytes for the journal's first), type, request id and the
 * device lines with their {@code coffer_chain} field already spliced in.
 */
record StoredRecord(long seq, long timeMillis, byte[] prev, String type, String requestId, Map<String, String> lines) {

	static final int HASH_BYTES = 32;

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeLong(this.seq);
			out.writeLong(this.timeMillis);
			out.write(this.prev);
			writeString(out, this.type);
			writeString(out, this.requestId);
			out.writeInt(this.lines.size());
			for (Map.Entry<String, String> line : this.lines.entrySet()) {
				writeString(out, line.getKey());
				writeString(out, line.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static StoredRecord decode(ByteBuffer payload) throws IOException {
		DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload.array(),
				payload.arrayOffset() + payload.position(), payload.remaining()));
		long seq = in.readLong();
		long time = in.readLong();
		byte[] prev = in.readNBytes(HASH_BYTES);
		String type = readString(in);
		String requestId = readString(in);
		int count = in.readInt();
		if (count < 0 || count > 100_000) {
			throw new IOException("bad line count");
		}
		Map<String, String> lines = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			lines.put(readString(in), readString(in));
		}
		return new StoredRecord(seq, time, prev, type, requestId, lines);
	}

	static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = (value != null ? value : "").getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > Frames.MAX_PAYLOAD) {
			throw new IOException("bad string length");
		}
		byte[] bytes = in.readNBytes(length);
		if (bytes.length != length) {
			throw new IOException("truncated string");
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "StoredRecord[seq=" + this.seq + ", type=" + this.type + ", devices=" + this.lines.keySet() + "]";
	}

}
