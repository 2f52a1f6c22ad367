package io.coffer.secrets.storage;

/**
 * Point-in-time views of this node's replica, for snapshots. Any node can serve one from
 * its own replica while that replica follows the current log: the active's holds every
 * acknowledged write, a standby's is consistent at the position it has applied.
 */
public interface StorageSnapshots {

	/**
	 * Opens a consistent view of this node's replica at one log position. The caller must
	 * close it (it pins the replica's state on disk while open).
	 * @throws SnapshotUnavailableException when this replica cannot serve one: the node
	 * is sealed (it cannot verify the log, so its replica may be behind what it could
	 * prove), its replica does not follow the current log (catching up, copying from a
	 * peer, no epoch yet), or it is empty
	 */
	StorageSnapshot openSnapshot();

	/**
	 * Starts a restore of the whole stored state, on the active node only.
	 * @throws StandbyException when this node is not the active node
	 * @throws SnapshotUnavailableException when this node is sealed
	 */
	StorageRestore beginRestore();

}
