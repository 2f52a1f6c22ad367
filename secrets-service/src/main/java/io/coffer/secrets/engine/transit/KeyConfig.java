package io.coffer.secrets.engine.transit;

/**
 * A named key's settings (everything but its versions).
 *
 * @param derived keys are derived per request from a context with HKDF-SHA256
 * @param convergent deterministic encryption (needs {@code derived})
 * @param exportable the private material may be read through {@code export/}
 * @param allowPlaintextBackup Vault's flag, stored and reported (backup is not served)
 * @param deletionAllowed {@code DELETE keys/:name} is allowed
 * @param minDecryptionVersion ciphertext and signatures older than this are refused
 * @param minEncryptionVersion the oldest version new ciphertext may use (0 = any)
 * @param autoRotateSeconds rotate once the latest version is this old (0 = never)
 * @param keySize the key size in bytes of an {@code hmac} key (0 for other types)
 */
record KeyConfig(boolean derived, boolean convergent, boolean exportable, boolean allowPlaintextBackup,
		boolean deletionAllowed, int minDecryptionVersion, int minEncryptionVersion, long autoRotateSeconds,
		int keySize) {

	static KeyConfig of(KeyCreation creation) {
		return new KeyConfig(creation.derived(), creation.convergent(), creation.exportable(),
				creation.allowPlaintextBackup(), false, 1, 0, creation.autoRotateSeconds(), creation.keySize());
	}

	KeyConfig withVersions(int minDecryption, int minEncryption) {
		return new KeyConfig(this.derived, this.convergent, this.exportable, this.allowPlaintextBackup,
				this.deletionAllowed, minDecryption, minEncryption, this.autoRotateSeconds, this.keySize);
	}

	KeyConfig withFlags(boolean deletionAllowed, boolean exportable, boolean allowPlaintextBackup) {
		return new KeyConfig(this.derived, this.convergent, exportable, allowPlaintextBackup, deletionAllowed,
				this.minDecryptionVersion, this.minEncryptionVersion, this.autoRotateSeconds, this.keySize);
	}

	KeyConfig withAutoRotateSeconds(long seconds) {
		return new KeyConfig(this.derived, this.convergent, this.exportable, this.allowPlaintextBackup,
				this.deletionAllowed, this.minDecryptionVersion, this.minEncryptionVersion, seconds, this.keySize);
	}

}
