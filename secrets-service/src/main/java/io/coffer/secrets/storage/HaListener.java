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

	/**
	 * This node installed another cluster's state (a forced restore driven by another
	 * node): the keys it holds do not open it, so it must seal. It no longer signs log
	 * entries nor contends for the active role.
	 */
	default void foreignStateInstalled() {
	}

}
