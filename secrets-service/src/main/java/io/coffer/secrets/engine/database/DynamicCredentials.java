package io.coffer.secrets.engine.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;

/**
 * The life of a dynamic credential: {@code creds/<role>} creates a PostgreSQL user with
 * the role's creation statements in one transaction (nothing half-created: on failure the
 * transaction is rolled back and the rollback statements run), renewal moves its
 * {@code VALID UNTIL}, revocation drops it. The secret's internal data carry the user,
 * role, config and revocation statements, so a credential stays revocable after its role
 * is deleted; they never carry the password.
 */
final class DynamicCredentials {

	private static final Logger log = LoggerFactory.getLogger(DynamicCredentials.class);

	/** Vault's PostgreSQL expiration format ({@code 2006-01-02 15:04:05-0700}). */
	static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssZ")
		.withZone(ZoneOffset.UTC);

	/**
	 * Vault adds this to the database's expiry so the user never expires before its
	 * lease.
	 */
	private static final long EXPIRY_MARGIN_SECONDS = 5;

	private static final String DEFAULT_RENEW = "ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';";

	private static final String DEFAULT_ROLLBACK = "DROP ROLE IF EXISTS \"{{name}}\";";

	private final EngineContext context;

	private final Revocation revocation;

	private final RevocationBatch batch;

	DynamicCredentials(EngineContext context) {
		this.context = context;
		this.revocation = new Revocation(context);
		this.batch = new RevocationBatch(context, this.revocation);
	}

	LogicalResponse issue(String roleName, String displayName, MountEntry mount) {
		DynamicRole role = this.context.store()
			.role(roleName)
			.orElseThrow(() -> VaultException.badRequest("unknown role: " + roleName));
		ConnectionConfig config = this.context.config(role.dbName());
		if (!config.allows(roleName)) {
			throw new VaultException(500, "\"" + roleName + "\" is not an allowed role");
		}
		long maxTtl = (role.maxTtlSeconds() > 0) ? Math.min(role.maxTtlSeconds(), mount.effectiveMaxTtl())
				: mount.effectiveMaxTtl();
		long ttl = Math.min((role.defaultTtlSeconds() > 0) ? role.defaultTtlSeconds() : mount.effectiveDefaultTtl(),
				maxTtl);
		String username = UsernameTemplate.of(config.usernameTemplate())
			.render(displayName, roleName, this.context.random(), this.context.clock());
		String password = this.context.password(config);
		Map<String, String> values = Map.of("name", username, "username", username, "password", password, "expiration",
				expiration(ttl));
		List<String> secrets = List.of(config.password(), password);
		try (Connection connection = this.context.open(role.dbName(), config)) {
			try {
				this.context.writes().run(role.dbName(), () -> {
					Statements.runInTransaction(connection, role.creationStatements(), values);
					return null;
				});
			}
			catch (SQLException ex) {
				rollback(connection, role, username);
				throw DatabaseErrors.internal("failed to execute query: ", ex, secrets);
			}
		}
		catch (SQLException ex) {
			throw DatabaseErrors.internal("unable to get connection: ", ex, secrets);
		}
		Map<String, Object> internal = new LinkedHashMap<>();
		internal.put("username", username);
		internal.put("role", roleName);
		internal.put("db_name", role.dbName());
		internal.put("revocation_statements", role.revocationStatements());
		return LogicalResponse.data(Map.of("username", username, "password", password))
			.withSecret(new LeasedSecret(role.defaultTtlSeconds(), role.maxTtlSeconds(), true, roleName, internal));
	}

	LeasedSecret renew(LeasedSecret.Renewal renewal) {
		String username = field(renewal.internalData(), "username");
		String roleName = field(renewal.internalData(), "role");
		DynamicRole role = this.context.store()
			.role(roleName)
			.orElseThrow(() -> VaultException
				.badRequest("error during renew: could not find role with name \"" + roleName + "\""));
		Instant now = this.context.clock().instant();
		long ttl = (renewal.incrementSeconds() > 0) ? renewal.incrementSeconds()
				: (role.defaultTtlSeconds() > 0) ? role.defaultTtlSeconds() : renewal.ceilingSeconds();
		if (role.maxTtlSeconds() > 0) {
			long left = renewal.issueTime().plusSeconds(role.maxTtlSeconds()).getEpochSecond() - now.getEpochSecond();
			ttl = Math.min(ttl, left);
		}
		ttl = Math.max(0, Math.min(ttl, renewal.ceilingSeconds()));
		if (ttl > 0) {
			ConnectionConfig config = this.context.config(role.dbName());
			List<String> statements = role.renewStatements().isEmpty() ? List.of(DEFAULT_RENEW)
					: role.renewStatements();
			try (Connection connection = this.context.open(role.dbName(), config)) {
				Map<String, String> values = Map.of("name", username, "username", username, "expiration",
						expiration(ttl));
				this.context.writes().run(role.dbName(), () -> {
					Statements.runInTransaction(connection, statements, values);
					return null;
				});
			}
			catch (SQLException ex) {
				throw DatabaseErrors.internal("failed to renew credentials: ", ex, Connections.secrets(config));
			}
		}
		return new LeasedSecret(ttl, role.maxTtlSeconds(), true, roleName, renewal.internalData());
	}

	void revoke(Map<String, Object> internalData) {
		Revoked revoked = revoked(internalData);
		this.revocation.revoke(revoked.dbName(), revoked.target().username(), revoked.target().statements());
	}

	/**
	 * Revokes many credentials: those of one connection config together
	 * ({@link RevocationBatch}), each with its own outcome.
	 * @return one entry per credential, in order: empty when revoked, else the refusal
	 */
	List<Optional<VaultException>> revokeAll(List<Map<String, Object>> secrets) {
		List<Optional<VaultException>> outcomes = new ArrayList<>(Collections.nCopies(secrets.size(), null));
		Map<String, List<Integer>> byConfig = new LinkedHashMap<>();
		Map<Integer, RevocationBatch.Target> targets = new HashMap<>();
		for (int i = 0; i < secrets.size(); i++) {
			try {
				Revoked revoked = revoked(secrets.get(i));
				byConfig.computeIfAbsent(revoked.dbName(), (key) -> new ArrayList<>()).add(i);
				targets.put(i, revoked.target());
			}
			catch (VaultException ex) {
				outcomes.set(i, Optional.of(ex));
			}
		}
		for (Map.Entry<String, List<Integer>> config : byConfig.entrySet()) {
			List<Integer> indexes = config.getValue();
			List<Optional<VaultException>> revoked = this.batch.revoke(config.getKey(),
					indexes.stream().map(targets::get).toList());
			for (int i = 0; i < indexes.size(); i++) {
				outcomes.set(indexes.get(i), revoked.get(i));
			}
		}
		return outcomes;
	}

	/**
	 * Where and how a credential is dropped: its role's current config and statements,
	 * else those it was issued with.
	 */
	private Revoked revoked(Map<String, Object> internalData) {
		String username = field(internalData, "username");
		String roleName = field(internalData, "role");
		DynamicRole role = this.context.store().role(roleName).orElse(null);
		if (role != null) {
			return new Revoked(role.dbName(), new RevocationBatch.Target(username, role.revocationStatements()));
		}
		List<String> statements = (internalData.get("revocation_statements") instanceof List<?> list)
				? list.stream().map(String::valueOf).toList() : List.of();
		return new Revoked(field(internalData, "db_name"), new RevocationBatch.Target(username, statements));
	}

	private record Revoked(String dbName, RevocationBatch.Target target) {
	}

	private String expiration(long ttlSeconds) {
		return EXPIRATION.format(this.context.clock().instant().plusSeconds(ttlSeconds + EXPIRY_MARGIN_SECONDS));
	}

	private static void rollback(Connection connection, DynamicRole role, String username) {
		List<String> statements = role.rollbackStatements().isEmpty() ? List.of(DEFAULT_ROLLBACK)
				: role.rollbackStatements();
		try {
			Statements.runInTransaction(connection, statements, Map.of("name", username, "username", username));
		}
		catch (SQLException ex) {
			// The creation transaction was rolled back already; this only matters for
			// statements that cannot run in a transaction. No secret in the state code.
			log.warn("Rollback statements for a failed credential failed (SQL state {})", ex.getSQLState());
		}
	}

	private static String field(Map<String, Object> internalData, String name) {
		if (!(internalData.get(name) instanceof String value) || value.isEmpty()) {
			throw VaultException.badRequest("secret is missing \"" + name + "\" field in internal data");
		}
		return value;
	}

}
