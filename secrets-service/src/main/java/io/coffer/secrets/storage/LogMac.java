package io.coffer.secrets.storage;

/**
 * HMAC-SHA256 under the key that authenticates a replicated log. The barrier derives it
 * from the root key and hands it to storage ({@link Storage#authenticateLog}); storage
 * itself holds no cryptographic code.
 */
public interface LogMac {

	/** Identifies the key without revealing it (never 0). */
	long keyId();

	/** HMAC-SHA256 over {@code label || body}. */
	byte[] mac(byte[] label, byte[] body);

	/** Overwrites the key; {@link #mac} must not be called afterwards. */
	void forget();

}
