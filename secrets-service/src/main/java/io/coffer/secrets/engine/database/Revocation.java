package io.coffer.secrets.engine.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops a dynamic user. With the role's revocation statements when it has some, else as
 * the PostgreSQL plugin does by default: revoke its privileges on every schema it was
 * granted something in and on {@code public}, revoke {@code CONNECT} on the database,
 * {@code DROP ROLE IF EXISTS}, then end the sessions it still has open. A user already
 * gone counts as revoked, whatever the statements are. Runs through
 * {@link CatalogWrites}: one config's revocations do not fail each other.
 */
final class Revocation {

	/**
	 * The default revocations on schema {@code public}, each followed by the grantees
	 * (the plugin's; {@code REVOKE CONNECT} on the database follows them).
	 */
	static final List<String> DEFAULT_REVOCATIONS = List.of(
			"REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM ",
			"REVOKE ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public FROM ", "REVOKE USAGE ON SCHEMA public FROM ");

	private final EngineContext context;

	Revocation(EngineContext context) {
		this.context = context;
	}

	void revoke(String dbName, String username, List<String> statements) {
		ConnectionConfig config = this.context.config(dbName);
		try (Connection connection = this.context.open(dbName, config)) {
			Long oid = this.context.writes().run(dbName, () -> drop(connection, username, statements));
			if (oid != null) {
				terminateSessions(connection, oid);
			}
		}
		catch (SQLException ex) {
			throw DatabaseErrors.internal("failed to revoke credentials: ", ex, Connections.secrets(config));
		}
	}

	/**
	 * Drops the user; the whole of it is run again when a concurrent catalog change made
	 * it fail (see {@link CatalogWrites}).
	 * @return the dropped user's id, or null when it was gone already
	 */
	private static Long drop(Connection connection, String username, List<String> statements) throws SQLException {
		Long oid = oid(connection, username);
		if (oid == null) {
			return null;
		}
		if (!statements.isEmpty()) {
			Statements.runInTransaction(connection, statements, Map.of("name", username, "username", username));
		}
		else {
			revokeByDefault(connection, username);
		}
		return oid;
	}

	/** The user's id, or null when there is no such user. */
	static Long oid(Connection connection, String username) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT oid::bigint FROM pg_roles WHERE rolname = ?")) {
			query.setString(1, username);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getLong(1) : null;
			}
		}
	}

	private static void revokeByDefault(Connection connection, String username) throws SQLException {
		String user = Statements.identifier(username);
		List<String> revocations = new ArrayList<>();
		for (String schema : GrantedSchemas.of(connection, List.of(username)).getOrDefault(username, Set.of())) {
			revocations.add(
					"REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA " + Statements.identifier(schema) + " FROM " + user);
			revocations.add("REVOKE USAGE ON SCHEMA " + Statements.identifier(schema) + " FROM " + user);
		}
		for (String revocation : DEFAULT_REVOCATIONS) {
			revocations.add(revocation + user);
		}
		revocations
			.add("REVOKE CONNECT ON DATABASE " + Statements.identifier(currentDatabase(connection)) + " FROM " + user);
		// As the plugin does: not one transaction, so that as much access as possible
		// is removed even when one statement fails; the last failure is reported.
		SQLException last = null;
		try (Statement statement = connection.createStatement()) {
			for (String revocation : revocations) {
				try {
					statement.execute(revocation);
				}
				catch (SQLException ex) {
					last = ex;
				}
			}
			if (last != null) {
				throw last;
			}
			statement.execute("DROP ROLE IF EXISTS " + user);
		}
	}

	/** The name of the database the connection is on. */
	static String currentDatabase(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_database()")) {
			rows.next();
			return rows.getString(1);
		}
	}

	/**
	 * Ends the dropped user's open sessions (found by its former id: a dropped role has
	 * no name any more), as far as the config's user may: one without the right to signal
	 * backends leaves them to end on their own.
	 */
	static void terminateSessions(Connection connection, long oid) {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid::bigint = ?")) {
			query.setLong(1, oid);
			query.execute();
		}
		catch (SQLException ex) {
			// Best effort: the role is gone and can open no new session.
		}
	}

}
