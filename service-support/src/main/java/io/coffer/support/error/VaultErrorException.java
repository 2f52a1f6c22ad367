package io.coffer.support.error;

import java.util.List;

/**
 * A request failed with a Vault status and error messages, answered in Vault's envelope
 * {@code {"errors":[...]}} with that status by every Coffer servlet service
 * ({@code web.error.VaultErrorHandler}). Services extend it with their own factories
 * (secrets-service's {@code VaultException}). Messages must never contain a secret value,
 * token or key: they go to the client as they are.
 */
public class VaultErrorException extends RuntimeException {

	private final int status;

	private final List<String> errors;

	public VaultErrorException(int status, List<String> errors) {
		super(String.join("; ", errors));
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public VaultErrorException(int status, String error) {
		this(status, List.of(error));
	}

	/** The HTTP status of the answer. */
	public int status() {
		return this.status;
	}

	/** The messages of the envelope; may be empty (e.g. Vault's bare 404). */
	public List<String> errors() {
		return this.errors;
	}

}
