package io.coffer.snapshot.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.coffer.snapshot.policy.SnapshotPolicy;

/**
 * Storage type {@code local}: snapshot files in a configuration's {@code path_prefix},
 * named {@code <file_prefix>-<unix nanoseconds>.snap} as Vault names them. A snapshot is
 * received into a hidden temporary file beside its final name (fsynced, its length
 * checked, {@code local_max_space} enforced before and while writing) and renamed only
 * once verified, so a file under a final name is never partial.
 */
public final class LocalTarget implements SnapshotTarget {

	private static final int BUFFER = 64 * 1024;

	private final SnapshotPolicy policy;

	public LocalTarget(SnapshotPolicy policy) {
		this.policy = policy;
	}

	@Override
	public String url(long stamp) {
		return fileFor(this.policy, stamp).toString();
	}

	@Override
	public Path receive(long stamp, InputStream content, long length) throws IOException {
		return receive(this.policy, fileFor(this.policy, stamp), content, length);
	}

	@Override
	public void store(Path verified, long stamp) throws IOException {
		publish(verified, fileFor(this.policy, stamp));
	}

	@Override
	public List<StoredSnapshot> list() throws IOException {
		return list(this.policy);
	}

	@Override
	public void delete(StoredSnapshot snapshot) throws IOException {
		Files.deleteIfExists(Path.of(snapshot.url()));
	}

	@Override
	public void close() {
	}

	/** The final name of the snapshot started at {@code stamp} (Unix nanoseconds). */
	public static Path fileFor(SnapshotPolicy policy, long stamp) {
		return Path.of(policy.pathPrefix()).resolve(policy.filePrefix() + "-" + stamp + ".snap");
	}

	/**
	 * Writes a snapshot arriving from the node into a temporary file beside
	 * {@code target}; the caller verifies it, then {@link #publish}es it or deletes it.
	 * @param length the announced length, or -1
	 * @return the temporary file
	 * @throws IOException when the snapshot does not fit in {@code local_max_space}, is
	 * shorter or longer than announced, or cannot be written; no file is left behind
	 */
	static Path receive(SnapshotPolicy policy, Path target, InputStream content, long length) throws IOException {
		Files.createDirectories(target.getParent());
		long room = room(policy);
		if (length >= 0 && length > room) {
			throw tooLarge(policy, length);
		}
		Path temp = target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID() + ".tmp");
		boolean done = false;
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = Channels.newOutputStream(channel);
			byte[] buffer = new byte[BUFFER];
			long written = 0;
			for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
				written += read;
				if (written > room) {
					throw tooLarge(policy, written);
				}
				out.write(buffer, 0, read);
			}
			if (length >= 0 && written != length) {
				throw new IOException("the snapshot stream ended after " + written + " of " + length + " bytes");
			}
			channel.force(true);
			done = true;
			return temp;
		}
		finally {
			if (!done) {
				Files.deleteIfExists(temp);
			}
		}
	}

	/** Gives a verified snapshot its final name. */
	static void publish(Path temp, Path target) throws IOException {
		Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
	}

	/** The configuration's snapshots in {@code path_prefix}, newest first. */
	public static List<StoredSnapshot> list(SnapshotPolicy policy) throws IOException {
		Path dir = Path.of(policy.pathPrefix());
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		Pattern name = Pattern.compile(Pattern.quote(policy.filePrefix()) + "-(\\d{1,19})\\.snap");
		List<StoredSnapshot> out = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Matcher matcher = name.matcher(file.getFileName().toString());
				if (matcher.matches() && Files.isRegularFile(file)) {
					out.add(new StoredSnapshot(file.toString(), Long.parseLong(matcher.group(1)), Files.size(file)));
				}
			}
		}
		out.sort(Comparator.comparingLong(StoredSnapshot::stamp).reversed());
		return out;
	}

	/** Bytes the configuration's snapshots take. */
	public static long used(SnapshotPolicy policy) throws IOException {
		return list(policy).stream().mapToLong(StoredSnapshot::size).sum();
	}

	private static long room(SnapshotPolicy policy) throws IOException {
		return (policy.localMaxSpace() > 0) ? Math.max(0, policy.localMaxSpace() - used(policy)) : Long.MAX_VALUE;
	}

	private static IOException tooLarge(SnapshotPolicy policy, long bytes) throws IOException {
		return new IOException("the snapshot (" + bytes + " bytes so far) does not fit in local_max_space ("
				+ policy.localMaxSpace() + " bytes, " + used(policy) + " used by the snapshots kept)");
	}

}
