package io.coffer.secrets.lease;

import java.util.List;

/**
 * lease-service could not be used: no URL answered (status 0), or it refused with Vault's
 * error envelope ({@code status} and its {@code errors}, e.g. a lease-count quota's 429).
 * Messages name URLs and statuses, never a secret or a token.
 */
public class LeaseServiceException extends RuntimeException {

	private final int status;

	private final List<String> errors;

	LeaseServiceException(int status, List<String> errors, String message) {
		super(message);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	static LeaseServiceException unavailable(String reason) {
		return new LeaseServiceException(0, List.of(), reason);
	}

	/** lease-service's HTTP status, or 0 when no lease-service answered. */
	public int status() {
		return this.status;
	}

	/** lease-service's error messages, as its envelope carried them. */
	public List<String> errors() {
		return this.errors;
	}

}
