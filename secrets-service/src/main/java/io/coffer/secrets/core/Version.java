package io.coffer.secrets.core;

/**
 * The version Coffer reports where Vault reports its own. Clients parse it as a Vault
 * version, so it is the Vault API level Coffer follows, with Coffer's own version as
 * semver build metadata.
 */
public final class Version {

	public static final String VAULT_API = "1.17.0";

	public static final String COFFER = "0.1.0";

	public static final String REPORTED = VAULT_API + "+coffer." + COFFER;

	public static final String BUILD_DATE = "2026-11-28T00:00:00Z";

	private Version() {
	}

}
