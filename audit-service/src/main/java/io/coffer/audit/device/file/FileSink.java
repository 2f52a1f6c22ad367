package io.coffer.audit.device.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import io.coffer.audit.device.StreamLines;

/**
 * A file device's file: appended to, {@code fsync}ed once per batch. Before each batch it
 * reopens the file when the path now names another file (a rotation moved it away or
 * replaced it) or when a {@link ReopenSignal} came since it opened.
 */
class FileSink implements AuditSink {

	private final Path path;

	private final int mode;

	private final String prefix;

	private final ReopenSignal reopen;

	private FileChannel channel;

	private Object fileKey;

	private long openedAt;

	FileSink(Path path, int mode, String prefix, ReopenSignal reopen) {
		this.path = path.toAbsolutePath();
		this.mode = mode;
		this.prefix = prefix;
		this.reopen = reopen;
	}

	/**
	 * Vault's check: the file can be opened (created) for appending; nothing is written.
	 */
	@Override
	public synchronized void testWrite() throws IOException {
		try {
			open();
		}
		catch (IOException ex) {
			close();
			throw new IOException(
					"sanity check failed; unable to open \"" + this.path + "\" for writing: " + reason(ex), ex);
		}
	}

	@Override
	public synchronized void write(List<DeliveredLine> lines) throws IOException {
		if (this.channel == null || this.openedAt != this.reopen.generation() || moved()) {
			close();
			open();
		}
		ByteBuffer bytes = ByteBuffer.wrap(StreamLines.encode(this.prefix, lines));
		try {
			while (bytes.hasRemaining()) {
				this.channel.write(bytes);
			}
			this.channel.force(false);
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public synchronized void close() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// nothing left to save
			}
			this.channel = null;
			this.fileKey = null;
		}
	}

	private void open() throws IOException {
		long generation = this.reopen.generation();
		Path parent = this.path.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			Files.createDirectories(parent);
		}
		this.channel = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
				StandardOpenOption.WRITE);
		if (this.mode != 0 && posix()) {
			Files.setPosixFilePermissions(this.path, permissions(this.mode));
		}
		this.fileKey = key();
		this.openedAt = generation;
	}

	/** Whether the path names another file than the open one (or none). */
	private boolean moved() {
		try {
			return !Objects.equals(this.fileKey, key());
		}
		catch (NoSuchFileException ex) {
			return true;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private Object key() throws IOException {
		Object key = Files.readAttributes(this.path, BasicFileAttributes.class).fileKey();
		return (key != null) ? key : this.path;
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int bit = 0; bit < order.length; bit++) {
			if ((mode & (1 << bit)) != 0) {
				permissions.add(order[bit]);
			}
		}
		return permissions;
	}

	private static String reason(IOException ex) {
		if (ex instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof NoSuchFileException) {
			return "no such file or directory";
		}
		if (ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
			return fs.getReason().toLowerCase(java.util.Locale.ROOT);
		}
		return ex.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "FileSink[" + this.path + "]";
	}

}
