package io.coffer.secrets.engine.pki;

/**
 * A CA key, stored only through the barrier. {@link #toString()} never shows the key.
 *
 * @param id Vault's {@code key_id} (a UUID)
 * @param name {@code key_name}, may be empty
 * @param type {@code rsa}, {@code ec} or {@code ed25519}
 * @param bits the size (0 for ed25519)
 * @param pkcs8 the private key, PKCS#8 DER as base64
 */
record StoredKey(String id, String name, String type, int bits, String pkcs8) {

	KeySpec spec() {
		return new KeySpec(this.type, this.bits);
	}

	/** The JCA algorithm that restores the key. */
	String algorithm() {
		return switch (this.type) {
			case KeySpec.RSA -> "RSA";
			case KeySpec.EC -> "EC";
			default -> "Ed25519";
		};
	}

	@Override
	public String toString() {
		return "StoredKey[id=" + this.id + ", type=" + this.type + ", bits=" + this.bits + "]";
	}

}
