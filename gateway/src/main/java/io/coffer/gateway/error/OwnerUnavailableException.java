package io.coffer.gateway.error;

/**
 * No base URL of a service other than the secrets nodes accepted the connection (nothing
 * was sent): 503 naming the service, as configured.
 */
public class OwnerUnavailableException extends RuntimeException {

	public OwnerUnavailableException(String owner, Throwable cause) {
		super(owner + " service unavailable", cause, false, false);
	}

}
