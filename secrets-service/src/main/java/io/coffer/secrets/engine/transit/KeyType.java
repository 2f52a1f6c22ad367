package io.coffer.secrets.engine.transit;

import io.coffer.secrets.engine.transit.crypto.Aead;
import io.coffer.secrets.engine.transit.crypto.EcdsaKeys;
import io.coffer.secrets.kernel.VaultException;

/** Vault's transit key types and what each can do (Vault's {@code keysutil.KeyType}). */
enum KeyType {

	AES128_GCM96("aes128-gcm96", Family.SYMMETRIC), AES256_GCM96("aes256-gcm96", Family.SYMMETRIC),
	CHACHA20_POLY1305("chacha20-poly1305", Family.SYMMETRIC), ED25519("ed25519", Family.ED25519),
	ECDSA_P256("ecdsa-p256", Family.ECDSA), ECDSA_P384("ecdsa-p384", Family.ECDSA),
	ECDSA_P521("ecdsa-p521", Family.ECDSA), RSA_2048("rsa-2048", Family.RSA), RSA_3072("rsa-3072", Family.RSA),
	RSA_4096("rsa-4096", Family.RSA), HMAC("hmac", Family.HMAC);

	/** How a type's key material is made and used. */
	enum Family {

		SYMMETRIC, ED25519, ECDSA, RSA, HMAC

	}

	private final String vaultName;

	private final Family family;

	KeyType(String vaultName, Family family) {
		this.vaultName = vaultName;
		this.family = family;
	}

	/**
	 * @throws VaultException 400 for a name Vault does not know, or one this server does
	 * not implement
	 */
	static KeyType parse(String name) {
		for (KeyType type : values()) {
			if (type.vaultName.equals(name)) {
				return type;
			}
		}
		if ("xchacha20-poly1305".equals(name) || "managed_key".equals(name)) {
			throw VaultException.badRequest("key type " + name + " is not supported by this server");
		}
		throw VaultException.badRequest("unknown key type " + TransitFields.abbreviate(name));
	}

	String vaultName() {
		return this.vaultName;
	}

	Family family() {
		return this.family;
	}

	boolean supportsEncryption() {
		return this.family == Family.SYMMETRIC || this.family == Family.RSA;
	}

	boolean supportsSigning() {
		return this.family == Family.ED25519 || this.family == Family.ECDSA || this.family == Family.RSA;
	}

	boolean supportsDerivation() {
		return this.family == Family.SYMMETRIC || this.family == Family.ED25519;
	}

	/** Whether ECDSA and RSA sign a digest of the input rather than the input itself. */
	boolean hashesSignatureInput() {
		return this.family == Family.ECDSA || this.family == Family.RSA;
	}

	/** Key bytes of a symmetric type. */
	int symmetricKeyBytes() {
		return (this == AES128_GCM96) ? 16 : 32;
	}

	Aead aead() {
		return (this == CHACHA20_POLY1305) ? Aead.CHACHA20_POLY1305 : Aead.AES_GCM;
	}

	int rsaBits() {
		return switch (this) {
			case RSA_3072 -> 3072;
			case RSA_4096 -> 4096;
			default -> 2048;
		};
	}

	EcdsaKeys.Curve curve() {
		return switch (this) {
			case ECDSA_P384 -> EcdsaKeys.Curve.P384;
			case ECDSA_P521 -> EcdsaKeys.Curve.P521;
			default -> EcdsaKeys.Curve.P256;
		};
	}

}
