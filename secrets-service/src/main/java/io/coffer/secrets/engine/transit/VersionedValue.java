package io.coffer.secrets.engine.transit;

import io.coffer.secrets.kernel.VaultException;

/**
 * Vault's versioned wire values: {@code vault:v<N>:<payload>} for ciphertext, signatures
 * and HMACs.
 *
 * @param version the key version (Vault reads {@code v0} as version 1)
 * @param payload the text after the second colon
 */
record VersionedValue(int version, String payload) {

	static final String PREFIX = "vault:v";

	static String format(int version, String payload) {
		return PREFIX + version + ":" + payload;
	}

	/**
	 * @param kind {@code ciphertext}, {@code signature} or {@code HMAC}, for the error
	 * text
	 * @throws VaultException 400 with Vault's messages for a malformed value
	 */
	static VersionedValue parse(String value, String kind) {
		if (!value.startsWith(PREFIX)) {
			throw VaultException.badRequest("invalid " + kind + ": no prefix");
		}
		String rest = value.substring(PREFIX.length());
		int colon = rest.indexOf(':');
		if (colon < 0) {
			throw VaultException.badRequest("invalid " + kind + ": wrong number of fields");
		}
		int version;
		try {
			version = Integer.parseInt(rest.substring(0, colon));
		}
		catch (NumberFormatException ex) {
			throw VaultException.badRequest("invalid " + kind + ": version number could not be decoded");
		}
		return new VersionedValue(Math.max(version, 1), rest.substring(colon + 1));
	}

	/**
	 * Checks the version against the key: not newer than its latest, not older than its
	 * {@code min_decryption_version}.
	 */
	void checkAgainst(KeyPolicy policy, String kind) {
		if (this.version > policy.latestVersion()) {
			throw VaultException.badRequest("invalid " + kind + ": version is too new");
		}
		if (this.version < policy.config().minDecryptionVersion()) {
			throw VaultException.badRequest(TransitErrors.TOO_OLD);
		}
	}

}
