package io.coffer.secrets.storage;

/**
 * This node's replica cannot serve a consistent snapshot right now (sealed, catching up
 * or copying, empty); another node, or this one later, may.
 */
public class SnapshotUnavailableException extends StorageException {

	public SnapshotUnavailableException(String message) {
		super(message);
	}

}
