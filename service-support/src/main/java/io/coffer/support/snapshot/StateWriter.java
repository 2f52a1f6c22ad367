package io.coffer.support.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Writes {@code state.bin} ({@link SnapshotFormat}) and computes what the manifest says
 * about it: entry count, size and SHA-256. Keys must come in ascending order.
 */
public final class StateWriter {

	private final MessageDigest digest = Sha256.create();

	private final DataOutputStream out;

	private byte[] lastKey;

	private long entries;

	private long size;

	public StateWriter(OutputStream out) {
		this.out = new DataOutputStream(new DigestOutputStream(out, this.digest));
	}

	public void write(String key, byte[] value) throws IOException {
		byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
		if (utf8.length == 0 || utf8.length > SnapshotFormat.MAX_KEY_BYTES
				|| value.length > SnapshotFormat.MAX_VALUE_BYTES) {
			throw new IllegalArgumentException("key or value outside the snapshot format's limits");
		}
		if (this.lastKey != null && Arrays.compareUnsigned(this.lastKey, utf8) >= 0) {
			throw new IllegalArgumentException("keys must be written in ascending order");
		}
		this.out.writeInt(utf8.length);
		this.out.write(utf8);
		this.out.writeInt(value.length);
		this.out.write(value);
		this.lastKey = utf8;
		this.entries++;
		this.size += 8L + utf8.length + value.length;
	}

	public void flush() throws IOException {
		this.out.flush();
	}

	public long entries() {
		return this.entries;
	}

	public long size() {
		return this.size;
	}

	/** The lower-case hex SHA-256 of everything written (call once, at the end). */
	public String sha256() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

}
