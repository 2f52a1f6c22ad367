package io.coffer.secrets.barrier;

/**
 * Stored data failed to decrypt or verify: tampered, moved to another key, or under an
 * unknown key term. Never carries plaintext or key material.
 */
public class BarrierException extends RuntimeException {

	public BarrierException(String message) {
		super(message);
	}

}
