package io.coffer.secrets.storage;

/**
 * A consistent, read-only view of a replica at one log position: every stored key/value
 * pair (values as stored, barrier-encrypted) of every entry up to {@link #index()} and
 * none after, in ascending unsigned byte order of the UTF-8 keys. Writes applied while it
 * is open are not seen. Not thread-safe; close it when done.
 */
public interface StorageSnapshot extends AutoCloseable {

	/** The log epoch of the position (a new epoch starts after each full restart). */
	long epoch();

	/** The log index of the position: the last entry applied. */
	long index();

	/**
	 * The next pair, or null after the last.
	 * @throws StorageException when the view was closed under it (the node copied a new
	 * replica in place of this one, or shut down)
	 */
	Entry next();

	@Override
	void close();

	/** One stored pair; the value is as stored (barrier-encrypted). */
	record Entry(String key, byte[] value) {

		@Override
		public String toString() {
			return "Entry[" + this.key + "]";
		}

	}

}
