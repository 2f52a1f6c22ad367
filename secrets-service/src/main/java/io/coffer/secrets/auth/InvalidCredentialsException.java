package io.coffer.secrets.auth;

import io.coffer.secrets.kernel.VaultException;

/**
 * A login refused for bad credentials (Vault's {@code logical.ErrInvalidCredentials}): a
 * 400 that also counts towards the user's lockout.
 */
public final class InvalidCredentialsException extends VaultException {

	public InvalidCredentialsException(String message) {
		super(400, message);
	}

}
