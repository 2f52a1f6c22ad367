package io.coffer.secrets.storage;

/** A write reached a node that is not the active one. */
public class StandbyException extends RuntimeException {

	public StandbyException(String message) {
		super(message);
	}

}
