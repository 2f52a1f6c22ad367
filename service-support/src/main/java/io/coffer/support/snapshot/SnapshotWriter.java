package io.coffer.support.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.coffer.common.snapshot.SnapshotManifest;

/**
 * Writes a snapshot archive ({@link SnapshotFormat}) from its manifest and a finished
 * {@code state.bin} on disk, streaming (the state is copied in 64 KiB pieces).
 */
public final class SnapshotWriter {

	private static final int COPY_BUFFER = 64 * 1024;

	private SnapshotWriter() {
	}

	/**
	 * @throws IOException also when {@code stateFile} no longer matches the manifest's
	 * size or SHA-256 (changed or damaged on disk since it was written)
	 */
	public static void write(OutputStream out, SnapshotManifest manifest, Path stateFile) throws IOException {
		long mtime = manifest.createdTime().getEpochSecond();
		byte[] meta = SnapshotJson.write(manifest);
		GZIPOutputStream gzip = new GZIPOutputStream(out, COPY_BUFFER) {
			{
				// values are ciphertext and do not compress: only the keys gain, and the
				// fastest level keeps a snapshot bound by the disk rather than by deflate
				this.def.setLevel(Deflater.BEST_SPEED);
			}
		};
		TarArchiveOutputStream tar = tarStream(gzip);
		entry(tar, SnapshotFormat.META, meta, mtime);
		long size = Files.size(stateFile);
		if (size != manifest.stateSize()) {
			throw new IOException("the state file changed on disk since it was written");
		}
		tar.putArchiveEntry(tarEntry(SnapshotFormat.STATE, size, mtime));
		MessageDigest digest = Sha256.create();
		try (InputStream in = Files.newInputStream(stateFile)) {
			byte[] buffer = new byte[COPY_BUFFER];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
				tar.write(buffer, 0, n);
			}
		}
		String stateSha = HexFormat.of().formatHex(digest.digest());
		if (!stateSha.equals(manifest.stateSha256())) {
			throw new IOException("the state file changed on disk since it was written");
		}
		tar.closeArchiveEntry();
		String sums = sumLine(Sha256.create().digest(meta), SnapshotFormat.META)
				+ sumLine(HexFormat.of().parseHex(stateSha), SnapshotFormat.STATE);
		entry(tar, SnapshotFormat.SUMS, sums.getBytes(StandardCharsets.US_ASCII), mtime);
		// two zero records; closing is left to the caller, who owns {@code out}
		tar.finish();
		gzip.finish();
		gzip.flush();
	}

	static String sumLine(byte[] sha256, String name) {
		return HexFormat.of().formatHex(sha256) + "  " + name + "\n";
	}

	/**
	 * A tar stream as snapshots use it: 512-byte blocks (no padding to 10 KiB), sizes of
	 * 8 GiB and more in GNU's base-256 size field (as GNU tar, bsdtar and Go's
	 * archive/tar read), and POSIX (PAX) headers for names too long for ustar.
	 */
	static TarArchiveOutputStream tarStream(OutputStream out) {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_RCDSIZE);
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		return tar;
	}

	/** A regular file, mode 0644, owned by uid/gid 0 with no user or group name. */
	static TarArchiveEntry tarEntry(String name, long size, long mtimeSeconds) {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setSize(size);
		entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
		entry.setModTime(mtimeSeconds * 1000);
		entry.setIds(0, 0);
		entry.setUserName("");
		entry.setGroupName("");
		return entry;
	}

	private static void entry(TarArchiveOutputStream tar, String name, byte[] content, long mtime) throws IOException {
		tar.putArchiveEntry(tarEntry(name, content.length, mtime));
		tar.write(content);
		tar.closeArchiveEntry();
	}

}
