package io.coffer.secrets.engine.transit;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.engine.transit.crypto.Ed25519Keys;
import io.coffer.secrets.engine.transit.crypto.Hkdf;
import io.coffer.secrets.kernel.VaultException;

/**
 * The key a request actually uses. A derived key never uses a version's material
 * directly: it takes HKDF-SHA256 of that material with an empty salt and the request's
 * context as info, as Vault's {@code Kdf_hkdf_sha256} mode does, so each context gets its
 * own key.
 */
final class Derivation {

	private Derivation() {
	}

	/**
	 * A fresh copy of the symmetric key for {@code version}; the caller wipes it.
	 * @param length bytes wanted (more than the key size only when derived, e.g.
	 * convergent encryption's extra HMAC key)
	 */
	static byte[] symmetricKey(KeyPolicy policy, int version, byte[] context, int length) {
		KeyVersion entry = policy.version(version);
		if (!policy.config().derived()) {
			return entry.key().clone();
		}
		return Hkdf.derive(entry.key(), null, requireContext(context), length);
	}

	/**
	 * The Ed25519 private key (Go layout) for {@code version}: the stored one, or for a
	 * derived key the one whose seed is HKDF of the stored 64 bytes with the context.
	 */
	static byte[] ed25519Key(KeyPolicy policy, int version, byte[] context) {
		KeyVersion entry = policy.version(version);
		if (!policy.config().derived()) {
			return entry.key().clone();
		}
		byte[] seed = Hkdf.derive(entry.key(), null, requireContext(context), Ed25519Keys.SEED_BYTES);
		try {
			return Ed25519Keys.fromSeed(seed);
		}
		finally {
			Bytes.wipe(seed);
		}
	}

	private static byte[] requireContext(byte[] context) {
		if (context == null || context.length == 0) {
			throw VaultException.badRequest(TransitErrors.MISSING_CONTEXT);
		}
		return context;
	}

}
