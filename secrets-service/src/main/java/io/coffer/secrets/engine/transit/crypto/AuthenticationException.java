package io.coffer.secrets.engine.transit.crypto;

/**
 * Decryption refused the input: wrong key, wrong context, tampered or truncated
 * ciphertext. Deliberately says nothing about which.
 */
public class AuthenticationException extends RuntimeException {

	public AuthenticationException() {
		super("message authentication failed");
	}

}
