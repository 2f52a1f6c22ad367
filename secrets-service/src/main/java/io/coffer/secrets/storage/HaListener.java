package io.coffer.secrets.storage;

/**
 * Told when this node gains or loses the active role; called on a storage thread, must
 * not block long.
 */
public interface HaListener {

	/**
	 * This node is now active and has applied every committed entry: reload in-memory
	 * state from storage.
	 */
	void becameActive();

	/** This node is no longer active (stepped down, lost its lock, or sealed). */
	void becameStandby();

}
