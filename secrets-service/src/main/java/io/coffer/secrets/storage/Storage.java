package io.coffer.secrets.storage;

import java.util.List;
import java.util.Optional;

/**
 * The storage port: ordered, durable key/value storage of opaque bytes (everything above
 * it is already barrier-encrypted, except the seal configuration).
 *
 * <p>
 * Keys are {@code /}-separated paths. Reads come from this node's replica. Writes are
 * accepted only on the active node ({@link StandbyException} elsewhere) and return once
 * the batch is durable: in a cluster, once a majority of nodes has applied it to disk; a
 * thrown exception means the outcome is unknown or failed.
 */
public interface Storage {

	Optional<byte[]> get(String key);

	/**
	 * The entries directly below {@code prefix} (which is empty or ends in {@code /}),
	 * sorted: a key {@code prefix + "a"} is listed as {@code "a"}, any key
	 * {@code prefix + "b/..."} as one {@code "b/"}.
	 */
	List<String> list(String prefix);

	/** Applies every operation of the batch atomically, in order. */
	void write(List<StorageOp> batch);

	default void put(String key, byte[] value) {
		write(List.of(new StorageOp.Put(key, value)));
	}

	default void delete(String key) {
		write(List.of(new StorageOp.Delete(key)));
	}

	/**
	 * The key that authenticates a replicated log (derived from the root key by the
	 * barrier when {@code sys/init} creates it and at every unseal; null when the node
	 * seals). Storage without a log ignores it.
	 */
	default void authenticateLog(LogMac logKey) {
	}

	/**
	 * {@link #authenticateLog} with a key {@code sys/init} just created: every other node
	 * is sealed and cannot verify (nor acknowledge) the log yet, so until one of them
	 * holds the key this node's writes are acknowledged once it applied them (they are
	 * also in the CP log on a majority); the followers apply them when they are unsealed.
	 */
	default void authenticateNewLog(LogMac logKey) {
		authenticateLog(logKey);
	}

}
