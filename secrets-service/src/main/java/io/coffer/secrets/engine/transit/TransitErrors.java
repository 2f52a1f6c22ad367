package io.coffer.secrets.engine.transit;

/**
 * Vault's transit error texts that more than one path uses. None carries key material.
 */
final class TransitErrors {

	static final String TOO_OLD = "ciphertext or signature version is disallowed by policy (too old)";

	static final String ENCRYPTION_KEY_NOT_FOUND = "encryption key not found";

	/**
	 * What a failed AEAD open says, as Go's {@code cipher} package: nothing about why.
	 */
	static final String AUTHENTICATION_FAILED = "cipher: message authentication failed";

	static final String MISSING_CONTEXT = "missing 'context' for key derivation; the key was created using a derived key, "
			+ "which means additional, per-request information must be included in order to perform operations "
			+ "with the key";

	private TransitErrors() {
	}

}
