package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import io.coffer.secrets.kernel.VaultException;

/**
 * What the path groups of one database mount share: its records, its pools, its
 * serialized catalog writes, the clock and the random source.
 */
record EngineContext(DatabaseStore store, Connections connections, CatalogWrites writes, Clock clock,
		SecureRandom random) {

	/** The named config; 400 as Vault when there is none. */
	ConnectionConfig config(String name) {
		return this.store.config(name)
			.orElseThrow(
					() -> VaultException.badRequest("failed to find entry for connection with name: \"" + name + "\""));
	}

	/** A pooled connection of the named config. */
	Connection open(String name, ConnectionConfig config) throws SQLException {
		return this.connections.open(name, config);
	}

	/** A new password under the config's policy. */
	String password(ConnectionConfig config) {
		return PasswordPolicy.parse(config.passwordPolicy()).generate(this.random);
	}

}
