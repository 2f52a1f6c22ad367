package io.coffer.secrets.seal;

/**
 * The auto-unseal provider could not wrap or unwrap a key. The message says why in words
 * an operator can act on (unreachable, access denied, wrong key) and never carries key
 * material or a token.
 */
public class SealUnavailableException extends RuntimeException {

	public SealUnavailableException(String message) {
		super(message);
	}

	public SealUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
