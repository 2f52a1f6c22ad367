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
		entry(gzip, SnapshotFormat.META, meta, mtime);
		long size = Files.size(stateFile);
		if (size != manifest.stateSize()) {
			throw new IOException("the state file changed on disk since it was written");
		}
		gzip.write(Tar.header(SnapshotFormat.STATE, size, mtime));
		MessageDigest digest = Sha256.create();
		try (InputStream in = Files.newInputStream(stateFile)) {
			byte[] buffer = new byte[COPY_BUFFER];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
				gzip.write(buffer, 0, n);
			}
		}
		String stateSha = HexFormat.of().formatHex(digest.digest());
		if (!stateSha.equals(manifest.stateSha256())) {
			throw new IOException("the state file changed on disk since it was written");
		}
		Tar.pad(gzip, size);
		String sums = sumLine(Sha256.create().digest(meta), SnapshotFormat.META)
				+ sumLine(HexFormat.of().parseHex(stateSha), SnapshotFormat.STATE);
		entry(gzip, SnapshotFormat.SUMS, sums.getBytes(StandardCharsets.US_ASCII), mtime);
		Tar.finish(gzip);
		gzip.finish();
		gzip.flush();
	}

	static String sumLine(byte[] sha256, String name) {
		return HexFormat.of().formatHex(sha256) + "  " + name + "\n";
	}

	private static void entry(OutputStream out, String name, byte[] content, long mtime) throws IOException {
		out.write(Tar.header(name, content.length, mtime));
		out.write(content);
		Tar.pad(out, content.length);
	}

}
