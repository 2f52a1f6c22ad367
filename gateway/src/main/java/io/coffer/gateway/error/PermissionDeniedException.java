package io.coffer.gateway.error;

/**
 * The active node denied a request for another service (lease, audit, snapshot): Vault's
 * {@code 403 {"errors":["permission denied"]}}, whatever the reason.
 */
public class PermissionDeniedException extends RuntimeException {

	public static final String MESSAGE = "permission denied";

	public PermissionDeniedException() {
		super(MESSAGE, null, false, false);
	}

}
