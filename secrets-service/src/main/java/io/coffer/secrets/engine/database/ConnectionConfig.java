package io.coffer.secrets.engine.database;

import java.util.List;

/**
 * One stored connection config ({@code config/<name>}), as the barrier view keeps it: the
 * password is stored (encrypted by the barrier) so that the pool can connect and
 * {@code rotate-root} can replace it, but never read back to a client, and
 * {@link #toString()} leaves it out.
 *
 * @param pluginName always {@code postgresql-database-plugin}
 * @param connectionUrl the URL or key=value DSN as given, with its
 * {@code {{username}}}/{@code {{password}}} templates
 * @param username the user the engine connects as
 * @param password that user's password, or empty
 * @param allowedRoles role names (or globs, {@code *} = all) allowed to use this config
 * @param rootRotationStatements the statements {@code rotate-root} runs; empty = the
 * default {@code ALTER ROLE}
 * @param passwordPolicy the password policy text, empty = Vault's default policy
 * @param verifyConnection Vault's {@code verify_connection}, as last written
 * @param pool the pool settings
 * @param usernameTemplate the template of dynamic user names, empty = Vault's default
 */
record ConnectionConfig(String pluginName, String connectionUrl, String username, String password,
		List<String> allowedRoles, List<String> rootRotationStatements, String passwordPolicy, boolean verifyConnection,
		PoolSettings pool, String usernameTemplate) {

	static final String PLUGIN = "postgresql-database-plugin";

	ConnectionConfig {
		allowedRoles = List.copyOf(allowedRoles);
		rootRotationStatements = List.copyOf(rootRotationStatements);
	}

	ConnectionConfig withPassword(String newPassword) {
		return new ConnectionConfig(this.pluginName, this.connectionUrl, this.username, newPassword, this.allowedRoles,
				this.rootRotationStatements, this.passwordPolicy, this.verifyConnection, this.pool,
				this.usernameTemplate);
	}

	/**
	 * Whether {@code role} may use this config: {@code *}, its name or a matching glob.
	 */
	boolean allows(String role) {
		for (String allowed : this.allowedRoles) {
			if (allowed.equals("*") || allowed.equals(role) || Globs.matches(allowed, role)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "ConnectionConfig[plugin=" + this.pluginName + ", username=" + this.username + ", allowedRoles="
				+ this.allowedRoles + ", password=<redacted>]";
	}

	/**
	 * Pool settings of one config.
	 *
	 * @param maxOpenConnections the pool's size (Vault's default 4)
	 * @param maxIdleConnections stored and reported as Vault does; idle connections are
	 * retired by the pool's idle timeout
	 * @param maxConnectionLifetimeSeconds 0 = the pool's default
	 */
	record PoolSettings(int maxOpenConnections, int maxIdleConnections, long maxConnectionLifetimeSeconds) {

		static final PoolSettings DEFAULTS = new PoolSettings(4, 0, 0);

	}

}
