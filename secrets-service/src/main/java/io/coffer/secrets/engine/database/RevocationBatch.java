package io.coffer.secrets.engine.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;

/**
 * Drops many dynamic users of one connection config on one connection, with the same
 * statements and the same per-user outcome as {@link Revocation} (which lease-service's
 * batched expiry and revoke-prefix would otherwise call once per user):
 * <ul>
 * <li>users already gone count as revoked (one query for all);</li>
 * <li>users with the plugin's default revocation: the privilege lookup is one query for
 * all, and each {@code REVOKE} names every user at once, so the shared catalog rows
 * (schema {@code public}, the database) are rewritten once per batch instead of once per
 * user. A {@code REVOKE} that fails is run again user by user, so that the failure stays
 * the failing user's; the users then dropped in one transaction, each under its own
 * savepoint;</li>
 * <li>users with their role's own revocation statements: each user's statements under
 * their own savepoint of one transaction (all of one user's statements, or none of
 * them);</li>
 * <li>their sessions are ended with one query.</li>
 * </ul>
 * A user whose statements hit a transient concurrency error, or whose transaction could
 * not commit, is then revoked alone by {@link Revocation} (with its retries). No user's
 * failure fails another's revocation.
 */
final class RevocationBatch {

	private final EngineContext context;

	private final Revocation single;

	RevocationBatch(EngineContext context, Revocation single) {
		this.context = context;
		this.single = single;
	}

	/**
	 * One user to drop.
	 *
	 * @param username the user
	 * @param statements the role's revocation statements; empty for the plugin's default
	 */
	record Target(String username, List<String> statements) {
	}

	/**
	 * Revokes every target of config {@code dbName}.
	 * @return one entry per target, in order: empty when revoked, else the error
	 */
	List<Optional<VaultException>> revoke(String dbName, List<Target> targets) {
		ConnectionConfig config;
		try {
			config = this.context.config(dbName);
		}
		catch (VaultException ex) {
			return targets.stream().map((target) -> Optional.of(ex)).toList();
		}
		Map<Integer, Optional<VaultException>> outcomes = new HashMap<>();
		List<Integer> alone = new ArrayList<>();
		try (Connection connection = this.context.open(dbName, config)) {
			Map<String, Long> oids = oids(connection, targets);
			List<Integer> defaults = new ArrayList<>();
			List<Integer> custom = new ArrayList<>();
			for (int i = 0; i < targets.size(); i++) {
				Target target = targets.get(i);
				if (!oids.containsKey(target.username())) {
					outcomes.put(i, Optional.empty());
				}
				else {
					(target.statements().isEmpty() ? defaults : custom).add(i);
				}
			}
			Map<Integer, SQLException> failures = new HashMap<>();
			List<Integer> toDrop = defaults;
			if (!defaults.isEmpty()) {
				Map<String, SQLException> refused = this.context.writes()
					.run(dbName, () -> revokePrivileges(connection, usernames(targets, defaults)));
				toDrop = new ArrayList<>();
				for (int index : defaults) {
					SQLException error = refused.get(targets.get(index).username());
					if (error != null) {
						failures.put(index, error);
					}
					else {
						toDrop.add(index);
					}
				}
			}
			List<Integer> transactional = new ArrayList<>(toDrop);
			transactional.addAll(custom);
			inOneTransaction(connection, targets, transactional, failures, alone);
			List<Long> dropped = new ArrayList<>();
			for (int index : transactional) {
				if (!failures.containsKey(index) && !alone.contains(index)) {
					outcomes.put(index, Optional.empty());
					dropped.add(oids.get(targets.get(index).username()));
				}
			}
			failures.forEach((index, ex) -> outcomes.put(index, Optional.of(failed(ex, config))));
			terminateSessions(connection, dropped);
		}
		catch (SQLException ex) {
			// no connection, or a batched step failed as a whole: whoever has no outcome
			// yet is revoked alone (and fails alone if the database refuses)
			for (int i = 0; i < targets.size(); i++) {
				if (!outcomes.containsKey(i) && !alone.contains(i)) {
					alone.add(i);
				}
			}
		}
		for (int index : alone) {
			Target target = targets.get(index);
			try {
				this.single.revoke(dbName, target.username(), target.statements());
				outcomes.put(index, Optional.empty());
			}
			catch (VaultException ex) {
				outcomes.put(index, Optional.of(ex));
			}
		}
		List<Optional<VaultException>> ordered = new ArrayList<>(targets.size());
		for (int i = 0; i < targets.size(); i++) {
			ordered.add(outcomes.get(i));
		}
		return ordered;
	}

	/** The ids of the targets that exist. */
	private static Map<String, Long> oids(Connection connection, List<Target> targets) throws SQLException {
		Map<String, Long> oids = new HashMap<>();
		Array names = connection.createArrayOf("text", targets.stream().map(Target::username).toArray());
		try (PreparedStatement query = connection
			.prepareStatement("SELECT rolname, oid::bigint FROM pg_roles WHERE rolname = ANY (?)")) {
			query.setArray(1, names);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					oids.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		finally {
			names.free();
		}
		return oids;
	}

	/**
	 * The default revocation's {@code REVOKE}s for all {@code users} at once, each
	 * statement on its own (autocommit) as the plugin runs them; a failed one runs again
	 * per user. Transient errors are thrown, so that {@link CatalogWrites} runs the whole
	 * again (every step is idempotent).
	 * @return the users refused, with the last error of each
	 */
	private static Map<String, SQLException> revokePrivileges(Connection connection, List<String> users)
			throws SQLException {
		Map<String, List<String>> grantees = new LinkedHashMap<>();
		for (Map.Entry<String, Set<String>> granted : GrantedSchemas.of(connection, users).entrySet()) {
			for (String schema : granted.getValue()) {
				String in = Statements.identifier(schema);
				grantees
					.computeIfAbsent("REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA " + in + " FROM ",
							(key) -> new ArrayList<>())
					.add(granted.getKey());
				grantees.computeIfAbsent("REVOKE USAGE ON SCHEMA " + in + " FROM ", (key) -> new ArrayList<>())
					.add(granted.getKey());
			}
		}
		for (String revocation : Revocation.DEFAULT_REVOCATIONS) {
			grantees.put(revocation, users);
		}
		grantees.put("REVOKE CONNECT ON DATABASE " + Statements.identifier(Revocation.currentDatabase(connection))
				+ " FROM ", users);
		Map<String, SQLException> refused = new HashMap<>();
		try (Statement statement = connection.createStatement()) {
			for (Map.Entry<String, List<String>> revocation : grantees.entrySet()) {
				try {
					statement.execute(revocation.getKey() + identifiers(revocation.getValue()));
				}
				catch (SQLException ex) {
					rethrowTransient(ex);
					for (String user : revocation.getValue()) {
						try {
							statement.execute(revocation.getKey() + Statements.identifier(user));
						}
						catch (SQLException alone) {
							rethrowTransient(alone);
							refused.put(user, alone);
						}
					}
				}
			}
		}
		return refused;
	}

	/**
	 * Drops the default targets and runs the custom targets' statements, each target
	 * under its own savepoint of one transaction. A target's non-transient error is its
	 * failure; a transient one, or a transaction that cannot commit, sends it to
	 * {@code alone}.
	 */
	private static void inOneTransaction(Connection connection, List<Target> targets, List<Integer> indexes,
			Map<Integer, SQLException> failures, List<Integer> alone) throws SQLException {
		if (indexes.isEmpty()) {
			return;
		}
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			for (int index : indexes) {
				Target target = targets.get(index);
				Savepoint savepoint = connection.setSavepoint();
				try {
					if (target.statements().isEmpty()) {
						statement.execute("DROP ROLE IF EXISTS " + Statements.identifier(target.username()));
					}
					else {
						Statements.run(connection, target.statements(),
								Map.of("name", target.username(), "username", target.username()));
					}
					connection.releaseSavepoint(savepoint);
				}
				catch (SQLException ex) {
					connection.rollback(savepoint);
					if (CatalogWrites.isTransient(ex)) {
						alone.add(index);
					}
					else {
						failures.put(index, ex);
					}
				}
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			safeRollback(connection);
			for (int index : indexes) {
				if (!failures.containsKey(index) && !alone.contains(index)) {
					alone.add(index);
				}
			}
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Ends the dropped users' sessions, as far as the config's user may (best effort).
	 */
	private static void terminateSessions(Connection connection, List<Long> oids) {
		if (oids.isEmpty()) {
			return;
		}
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid::bigint = ANY (?)")) {
			Array ids = connection.createArrayOf("bigint", oids.toArray());
			query.setArray(1, ids);
			query.execute();
			ids.free();
		}
		catch (SQLException ex) {
			// Best effort: the roles are gone and can open no new session.
		}
	}

	private static VaultException failed(SQLException ex, ConnectionConfig config) {
		return DatabaseErrors.internal("failed to revoke credentials: ", ex, Connections.secrets(config));
	}

	private static List<String> usernames(List<Target> targets, List<Integer> indexes) {
		return indexes.stream().map((index) -> targets.get(index).username()).toList();
	}

	private static String identifiers(List<String> users) {
		StringBuilder list = new StringBuilder();
		for (String user : users) {
			list.append((list.length() > 0) ? ", " : "").append(Statements.identifier(user));
		}
		return list.toString();
	}

	private static void rethrowTransient(SQLException ex) throws SQLException {
		if (CatalogWrites.isTransient(ex)) {
			throw ex;
		}
	}

	private static void safeRollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is broken: the pool discards it
		}
	}

}
