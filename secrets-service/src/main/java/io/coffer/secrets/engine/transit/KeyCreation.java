package io.coffer.secrets.engine.transit;

/**
 * What a caller asks for when a key is created ({@code POST keys/:name}, or an upsert on
 * {@code encrypt/}).
 */
record KeyCreation(KeyType type, boolean derived, boolean convergent, boolean exportable, boolean allowPlaintextBackup,
		long autoRotateSeconds, int keySize) {

	/** The key Vault upserts on a first {@code encrypt}. */
	static KeyCreation upsert(KeyType type, boolean derived, boolean convergent) {
		return new KeyCreation(type, derived, convergent, false, false, 0, 0);
	}

}
