package io.coffer.secrets.storage;

/**
 * Storage failed, or a write's outcome is unknown (it may or may not have been applied).
 * Messages never contain keys' values.
 */
public class StorageException extends RuntimeException {

	public StorageException(String message) {
		super(message);
	}

	public StorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
