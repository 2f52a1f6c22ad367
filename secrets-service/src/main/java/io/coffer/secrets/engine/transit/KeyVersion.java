package io.coffer.secrets.engine.transit;

import java.time.Instant;

import io.coffer.secrets.engine.transit.crypto.Bytes;

/**
 * One version of a named key, as stored behind the barrier.
 *
 * @param created when the version was made
 * @param key the key material in its family's form: raw bytes (symmetric, hmac), Go's
 * 64-byte {@code seed || public} (ed25519), PKCS #8 DER (ecdsa, rsa)
 * @param hmacKey a separate 32-byte key for the {@code hmac} endpoint, as Vault keeps one
 * per version of every non-hmac type
 * @param publicKey base64 (ed25519) or PKIX PEM (ecdsa, rsa); null for symmetric types
 */
record KeyVersion(Instant created, byte[] key, byte[] hmacKey, String publicKey) {

	/** Overwrites the key bytes held by this instance. */
	void wipe() {
		Bytes.wipe(this.key, this.hmacKey);
	}

	@Override
	public String toString() {
		return "KeyVersion[created=" + this.created + ", key=<redacted>]";
	}

}
