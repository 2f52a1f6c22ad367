package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import io.coffer.secrets.engine.transit.crypto.EcdsaKeys;
import io.coffer.secrets.engine.transit.crypto.Ed25519Keys;
import io.coffer.secrets.engine.transit.crypto.RsaKeys;

/** Makes the material of a new key version, per key type family. */
final class KeyMaterial {

	/** Vault's per-version HMAC key length. */
	static final int HMAC_KEY_BYTES = 32;

	private final SecureRandom random;

	KeyMaterial(SecureRandom random) {
		this.random = random;
	}

	KeyVersion newVersion(KeyType type, int keySize, Instant now) {
		return switch (type.family()) {
			case SYMMETRIC -> new KeyVersion(now, randomBytes(type.symmetricKeyBytes()), hmacKey(), null);
			case HMAC -> new KeyVersion(now, randomBytes(keySize), null, null);
			case ED25519 -> {
				byte[] key = Ed25519Keys.generate(this.random);
				yield new KeyVersion(now, key, hmacKey(),
						Base64.getEncoder().encodeToString(Ed25519Keys.publicKey(key)));
			}
			case ECDSA -> {
				EcdsaKeys.Generated generated = EcdsaKeys.generate(type.curve(), this.random);
				yield new KeyVersion(now, generated.pkcs8(), hmacKey(), generated.publicKeyPem());
			}
			case RSA -> {
				byte[] pkcs8 = RsaKeys.generate(type.rsaBits(), this.random);
				yield new KeyVersion(now, pkcs8, hmacKey(), RsaKeys.publicKeyPem(pkcs8));
			}
		};
	}

	byte[] randomBytes(int length) {
		byte[] out = new byte[length];
		this.random.nextBytes(out);
		return out;
	}

	private byte[] hmacKey() {
		return randomBytes(HMAC_KEY_BYTES);
	}

}
