package io.coffer.snapshot.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a configuration's snapshots are kept ({@code storage_type}): each is received
 * into a temporary file, verified by the caller, and only then stored under
 * {@code <path_prefix>/<file_prefix>-<unix nanoseconds>.snap}, so nothing under a final
 * name is ever partial or unverified. Errors are {@link IOException}s whose message can
 * be shown to the operator (never a credential).
 */
public interface SnapshotTarget extends AutoCloseable {

	/** Where the snapshot started at {@code stamp} is kept once stored. */
	String url(long stamp);

	/**
	 * Writes a snapshot arriving from the node into a temporary file; the caller verifies
	 * it, {@link #store}s it and deletes the file.
	 * @param length the announced length, or -1
	 * @throws IOException when it is shorter or longer than announced, or does not fit;
	 * no file is left behind
	 */
	Path receive(long stamp, InputStream content, long length) throws IOException;

	/** Stores a verified snapshot under its final name ({@link #url}). */
	void store(Path verified, long stamp) throws IOException;

	/** The configuration's snapshots, newest first. */
	List<StoredSnapshot> list() throws IOException;

	void delete(StoredSnapshot snapshot) throws IOException;

	/** Deletes all but the {@code retain} newest snapshots of the configuration. */
	default void rotate(int retain) throws IOException {
		List<StoredSnapshot> kept = list();
		for (StoredSnapshot old : kept.subList(Math.min(retain, kept.size()), kept.size())) {
			delete(old);
		}
	}

	@Override
	void close();

}
