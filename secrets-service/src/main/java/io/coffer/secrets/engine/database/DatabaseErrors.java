package io.coffer.secrets.engine.database;

import java.sql.SQLException;
import java.util.Collection;

import io.coffer.secrets.kernel.VaultException;

/**
 * The database's own error text for Vault's error bodies, with every secret the engine
 * knows at that moment (config password, generated password) replaced by
 * {@code [password]}, as Vault's error sanitizer middleware does, in case the server
 * echoes part of a statement.
 */
final class DatabaseErrors {

	private DatabaseErrors() {
	}

	static String message(SQLException ex, Collection<String> secrets) {
		String text = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return sanitize(text, secrets);
	}

	static String sanitize(String text, Collection<String> secrets) {
		String out = text;
		for (String secret : secrets) {
			if (secret != null && !secret.isEmpty()) {
				out = out.replace(secret, "[password]");
			}
		}
		return out;
	}

	static VaultException badRequest(String prefix, SQLException ex, Collection<String> secrets) {
		return VaultException.badRequest(prefix + message(ex, secrets));
	}

	static VaultException internal(String prefix, SQLException ex, Collection<String> secrets) {
		return new VaultException(500, prefix + message(ex, secrets));
	}

}
