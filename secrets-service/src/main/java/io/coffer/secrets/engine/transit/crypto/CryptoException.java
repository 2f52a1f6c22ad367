package io.coffer.secrets.engine.transit.crypto;

/**
 * A cryptographic operation failed for a reason that is not the caller's input (a missing
 * JDK algorithm, a corrupt stored key). Its message never carries key material.
 */
public class CryptoException extends RuntimeException {

	public CryptoException(String message, Throwable cause) {
		super(message, cause);
	}

	public CryptoException(String message) {
		super(message);
	}

}
