package io.coffer.support.snapshot;

/**
 * A snapshot that is not a whole, intact Coffer snapshot: damaged, truncated, of another
 * format, or not matching its own manifest and checksums. The message says what is wrong
 * and never contains stored keys or values.
 */
public class InvalidSnapshotException extends RuntimeException {

	public InvalidSnapshotException(String message) {
		super(message);
	}

	public InvalidSnapshotException(String message, Throwable cause) {
		super(message, cause);
	}

}
