package io.coffer.support.snapshot;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.coffer.common.snapshot.SnapshotManifest;

/**
 * Reads a snapshot archive ({@link SnapshotFormat}) as a stream and checks everything it
 * can without the cluster's keys: the gzip and tar framing, the three files in order, the
 * manifest, {@code SHA256SUMS} against both files, the state's SHA-256, size and entry
 * count against the manifest, and every pair's framing and key order. Pairs are handed to
 * the sink as they are read, so a caller that must not act on a damaged snapshot (a
 * restore) stages them and acts only once {@link #read} returned.
 */
public final class SnapshotReader {

	private static final int BUFFER = 64 * 1024;

	private SnapshotReader() {
	}

	/** Receives each stored pair, in key order. */
	@FunctionalInterface
	public interface EntrySink {

		void accept(String key, byte[] value) throws IOException;

	}

	/**
	 * Checks a snapshot file.
	 * @return its manifest, when every check passed
	 * @throws InvalidSnapshotException naming the first check that failed
	 */
	public static SnapshotManifest verify(Path archive) throws IOException {
		try (InputStream in = Files.newInputStream(archive)) {
			return read(in, (key, value) -> {
			});
		}
	}

	/**
	 * Reads and checks a snapshot, handing every pair to {@code sink}.
	 * @return its manifest, when every check passed
	 * @throws InvalidSnapshotException naming the first check that failed
	 * @throws IOException when {@code archive} or the sink fails
	 */
	public static SnapshotManifest read(InputStream archive, EntrySink sink) throws IOException {
		try {
			InputStream gzip = new GZIPInputStream(new BufferedInputStream(archive, BUFFER), BUFFER);
			TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
			byte[] meta = small(tar, SnapshotFormat.META, SnapshotFormat.MAX_META_BYTES);
			SnapshotManifest manifest = checkedManifest(SnapshotJson.read(meta));
			TarArchiveEntry state = expect(tar, SnapshotFormat.STATE);
			if (state.getSize() != manifest.stateSize()) {
				throw new InvalidSnapshotException("state.bin is " + state.getSize() + " bytes, the manifest says "
						+ manifest.stateSize() + " (truncated or altered)");
			}
			String stateSha = readState(tar, state.getSize(), manifest.entryCount(), sink);
			byte[] sums = small(tar, SnapshotFormat.SUMS, SnapshotFormat.MAX_SUMS_BYTES);
			checkSums(sums, meta, stateSha);
			if (!stateSha.equals(manifest.stateSha256())) {
				throw new InvalidSnapshotException("state.bin does not match the manifest's SHA-256");
			}
			if (next(tar) != null) {
				throw new InvalidSnapshotException("the archive holds more than meta.json, state.bin and SHA256SUMS");
			}
			// the gzip trailer (CRC-32 and length of everything) is checked at its end
			gzip.transferTo(java.io.OutputStream.nullOutputStream());
			return manifest;
		}
		catch (EOFException ex) {
			throw new InvalidSnapshotException("the snapshot is truncated", ex);
		}
		catch (ZipException ex) {
			throw new InvalidSnapshotException("the snapshot is not intact gzip data (corrupted or not a snapshot)",
					ex);
		}
	}

	private static SnapshotManifest checkedManifest(SnapshotManifest manifest) {
		if (manifest.formatVersion() != SnapshotManifest.FORMAT_VERSION) {
			throw new InvalidSnapshotException("unsupported snapshot format version " + manifest.formatVersion()
					+ " (this version reads " + SnapshotManifest.FORMAT_VERSION + ")");
		}
		if (manifest.clusterId() == null || manifest.nodeId() == null || manifest.stateSha256() == null
				|| manifest.createdTime() == null || manifest.entryCount() < 0 || manifest.stateSize() < 0) {
			throw new InvalidSnapshotException("meta.json lacks a required field");
		}
		return manifest;
	}

	/**
	 * The next entry, or null at the end of the archive.
	 * @throws InvalidSnapshotException when its header is damaged or it is not a regular
	 * file
	 */
	static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
		TarArchiveEntry entry;
		try {
			entry = tar.getNextEntry();
		}
		catch (EOFException | ZipException ex) {
			throw ex;
		}
		catch (IOException | IllegalArgumentException ex) {
			// Commons Compress reports a bad checksum or number in a header this way
			throw new InvalidSnapshotException("the archive is corrupted (damaged tar header)", ex);
		}
		if (entry != null && entry.getLinkFlag() != TarConstants.LF_NORMAL
				&& entry.getLinkFlag() != TarConstants.LF_OLDNORM) {
			throw new InvalidSnapshotException("the archive holds an entry that is not a regular file");
		}
		return entry;
	}

	private static TarArchiveEntry expect(TarArchiveInputStream tar, String name) throws IOException {
		TarArchiveEntry entry = next(tar);
		if (entry == null || !entry.getName().equals(name)) {
			throw new InvalidSnapshotException("the archive does not hold " + name + " where the format puts it"
					+ ((entry == null) ? " (it ends early)" : ""));
		}
		return entry;
	}

	private static byte[] small(TarArchiveInputStream tar, String name, int limit) throws IOException {
		TarArchiveEntry entry = expect(tar, name);
		if (entry.getSize() > limit) {
			throw new InvalidSnapshotException(name + " is larger than any snapshot writes");
		}
		byte[] content = tar.readNBytes((int) entry.getSize());
		if (content.length != entry.getSize()) {
			throw new EOFException();
		}
		return content;
	}

	private static String readState(InputStream tar, long size, long expectedEntries, EntrySink sink)
			throws IOException {
		MessageDigest digest = Sha256.create();
		DataInputStream in = new DataInputStream(new DigestInputStream(new Bounded(tar, size), digest));
		long remaining = size;
		long entries = 0;
		byte[] lastKey = null;
		while (remaining > 0) {
			int keyLength = length(in, remaining, SnapshotFormat.MAX_KEY_BYTES, entries);
			byte[] key = in.readNBytes(keyLength);
			int valueLength = length(in, remaining - 4 - keyLength, SnapshotFormat.MAX_VALUE_BYTES, entries);
			if (key.length != keyLength || keyLength == 0) {
				throw new InvalidSnapshotException("state.bin entry " + entries + " is damaged");
			}
			if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
				throw new InvalidSnapshotException("state.bin entry " + entries + " is out of key order");
			}
			byte[] value = in.readNBytes(valueLength);
			if (value.length != valueLength) {
				throw new InvalidSnapshotException("state.bin entry " + entries + " is damaged");
			}
			sink.accept(new String(key, StandardCharsets.UTF_8), value);
			lastKey = key;
			entries++;
			remaining -= 8L + keyLength + valueLength;
		}
		if (entries != expectedEntries) {
			throw new InvalidSnapshotException(
					"state.bin holds " + entries + " entries, the manifest says " + expectedEntries);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** A length field that fits in what is left of {@code state.bin} and the format. */
	private static int length(DataInputStream in, long remaining, int max, long entry) throws IOException {
		if (remaining < 4) {
			throw new InvalidSnapshotException("state.bin entry " + entry + " is damaged");
		}
		int length = in.readInt();
		if (length < 0 || length > max || length > remaining - 4) {
			throw new InvalidSnapshotException("state.bin entry " + entry + " is damaged");
		}
		return length;
	}

	private static void checkSums(byte[] sums, byte[] meta, String stateSha) {
		String expected = SnapshotWriter.sumLine(Sha256.create().digest(meta), SnapshotFormat.META)
				+ SnapshotWriter.sumLine(HexFormat.of().parseHex(stateSha), SnapshotFormat.STATE);
		String actual = new String(sums, StandardCharsets.US_ASCII);
		if (!actual.equals(expected)) {
			throw new InvalidSnapshotException("SHA256SUMS does not match meta.json and state.bin");
		}
	}

	/** At most {@code limit} bytes of the underlying stream; never closes it. */
	private static final class Bounded extends InputStream {

		private final InputStream in;

		private long left;

		Bounded(InputStream in, long limit) {
			this.in = in;
			this.left = limit;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException();
			}
			this.left--;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (n < 0) {
				throw new EOFException();
			}
			this.left -= n;
			return n;
		}

	}

}
