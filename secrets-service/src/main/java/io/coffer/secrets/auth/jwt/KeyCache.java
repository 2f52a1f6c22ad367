package io.coffer.secrets.auth.jwt;

import io.coffer.secrets.kernel.VaultException;

/**
 * The signing keys of a mount's current configuration, built on the first login after
 * each configuration change and kept (with Nimbus's JWKS cache inside) until the next.
 */
final class KeyCache {

	private record Entry(JwtConfig config, JwtKeys keys) {
	}

	private volatile Entry current;

	/**
	 * @throws VaultException 500 when the OIDC discovery document cannot be fetched or
	 * used (Vault's {@code error getting provider for login operation})
	 */
	JwtKeys of(JwtConfig config) {
		Entry entry = this.current;
		if (entry != null && entry.config().equals(config)) {
			return entry.keys();
		}
		synchronized (this) {
			entry = this.current;
			if (entry == null || !entry.config().equals(config)) {
				try {
					entry = new Entry(config, JwtKeys.of(config));
				}
				catch (IllegalArgumentException ex) {
					throw new VaultException(500, "error getting provider for login operation: " + ex.getMessage());
				}
				this.current = entry;
			}
			return entry.keys();
		}
	}

}
