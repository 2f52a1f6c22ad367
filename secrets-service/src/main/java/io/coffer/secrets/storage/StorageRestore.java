package io.coffer.secrets.storage;

import java.time.Duration;

/**
 * A restore being prepared on the active node: every key/value pair of the new state is
 * {@link #put} (values as stored, barrier-encrypted), then {@link #commit} replaces the
 * whole stored state on every node, all or nothing, through the log. Closing it without a
 * commit (or a failed commit) leaves the stored state as it was. Not thread-safe.
 */
public interface StorageRestore extends AutoCloseable {

	/**
	 * Adds one pair of the new state; keys must come in ascending unsigned byte order of
	 * their UTF-8 form (a snapshot's order), each once.
	 * @throws IllegalArgumentException for a key out of order
	 */
	void put(String key, byte[] value);

	/** The value of {@code key} in the new state so far (e.g. to check its keyring). */
	java.util.Optional<byte[]> get(String key);

	/** Pairs added so far. */
	long count();

	/**
	 * Stages the new state on a majority of the nodes, then appends the restore entry and
	 * waits until a majority has installed it. When this returns, every acknowledged
	 * write before it is replaced and every later read sees the restored state; this node
	 * leaves the active role for a moment and reads its in-memory state again.
	 * @param timeout the longest wait for the peers to stage it and for the majority to
	 * install it
	 * @throws StandbyException this node is not (or no longer) the active node; nothing
	 * changed
	 * @throws StorageException the restore was refused before it was appended (nothing
	 * changed) or its outcome is unknown (the message says which)
	 */
	void commit(Duration timeout);

	/**
	 * {@link #commit} for another cluster's state (Vault's {@code snapshot-force}): the
	 * restore entry says so, and every node that installs it stops signing with its log
	 * key and leaves the election (the key belongs to the replaced state); the other
	 * nodes tell their {@link HaListener#foreignStateInstalled() listeners} so they seal.
	 * This node is left to the caller to seal once this returns.
	 */
	void commitForeign(Duration timeout);

	/** Abandons the restore unless it was committed; idempotent. */
	@Override
	void close();

}
