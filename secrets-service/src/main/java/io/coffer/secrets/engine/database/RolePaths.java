package io.coffer.secrets.engine.database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.database.DatabaseFields.seconds;
import static io.coffer.secrets.engine.database.DatabaseFields.string;
import static io.coffer.secrets.engine.database.DatabaseFields.stringList;

/**
 * {@code roles/<name>} and {@code static-roles/<name>}: write, read, list, delete. A role
 * must name an existing config that allows it; a dynamic and a static role never share a
 * name. Creating a static role takes the user over at once: its password is rotated
 * before the role is stored.
 */
final class RolePaths {

	/** Vault's queue tick: a static role cannot rotate more often. */
	static final long MIN_ROTATION_PERIOD_SECONDS = 5;

	private final EngineContext context;

	private final StaticRotation rotation;

	RolePaths(EngineContext context, StaticRotation rotation) {
		this.context = context;
		this.rotation = rotation;
	}

	LogicalResponse writeRole(LogicalRequest request, String name) {
		DatabaseStore store = this.context.store();
		if (store.exists(DatabaseStore.STATIC_ROLE + name)) {
			throw VaultException.badRequest("Role and Static Role names must be unique");
		}
		Map<String, Object> data = request.data();
		Optional<DynamicRole> existing = (request.operation() == Operation.CREATE) ? Optional.empty()
				: store.role(name);
		DynamicRole role = new DynamicRole(string(data, "db_name", existing.map(DynamicRole::dbName).orElse("")),
				stringList(data, "creation_statements",
						existing.map(DynamicRole::creationStatements).orElse(List.of())),
				stringList(data, "revocation_statements",
						existing.map(DynamicRole::revocationStatements).orElse(List.of())),
				stringList(data, "rollback_statements",
						existing.map(DynamicRole::rollbackStatements).orElse(List.of())),
				stringList(data, "renew_statements", existing.map(DynamicRole::renewStatements).orElse(List.of())),
				seconds(data, "default_ttl", existing.map(DynamicRole::defaultTtlSeconds).orElse(0L)),
				seconds(data, "max_ttl", existing.map(DynamicRole::maxTtlSeconds).orElse(0L)));
		if (role.dbName().isEmpty()) {
			throw VaultException.badRequest("database name is required");
		}
		checkAllowed(role.dbName(), name);
		if (role.creationStatements().isEmpty()) {
			throw VaultException.badRequest("empty creation statements");
		}
		store.putRole(name, role);
		return LogicalResponse.empty();
	}

	LogicalResponse readRole(String name) {
		DynamicRole role = this.context.store().role(name).orElseThrow(VaultException::notFound);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("db_name", role.dbName());
		data.put("creation_statements", role.creationStatements());
		data.put("revocation_statements", role.revocationStatements());
		data.put("rollback_statements", role.rollbackStatements());
		data.put("renew_statements", role.renewStatements());
		data.put("default_ttl", role.defaultTtlSeconds());
		data.put("max_ttl", role.maxTtlSeconds());
		data.put("credential_type", "password");
		return LogicalResponse.data(data);
	}

	LogicalResponse writeStaticRole(LogicalRequest request, String name) {
		DatabaseStore store = this.context.store();
		if (store.exists(DatabaseStore.ROLE + name)) {
			throw VaultException.badRequest("Role and Static Role names must be unique");
		}
		Map<String, Object> data = request.data();
		Optional<StaticRole> existing = store.staticRole(name);
		boolean create = existing.isEmpty();
		String dbName = string(data, "db_name", existing.map(StaticRole::dbName).orElse(""));
		if (dbName.isEmpty()) {
			throw VaultException.badRequest("database name is a required field");
		}
		String username = string(data, "username", existing.map(StaticRole::username).orElse(""));
		if (username.isEmpty()) {
			throw VaultException.badRequest("username is a required field to create a static account");
		}
		if (existing.isPresent() && !existing.get().username().equals(username)) {
			throw VaultException.badRequest("cannot update static account username");
		}
		if (create && !DatabaseFields.has(data, "rotation_period")) {
			throw VaultException.badRequest("rotation_period is required to create static accounts");
		}
		long period = seconds(data, "rotation_period", existing.map(StaticRole::rotationPeriodSeconds).orElse(0L));
		if (period < MIN_ROTATION_PERIOD_SECONDS) {
			throw VaultException
				.badRequest("rotation_period must be " + MIN_ROTATION_PERIOD_SECONDS + " seconds or more");
		}
		checkAllowed(dbName, name);
		List<String> statements = stringList(data, "rotation_statements",
				existing.map(StaticRole::rotationStatements).orElse(List.of()));
		StaticRole role = new StaticRole(dbName, username, period, statements,
				existing.map(StaticRole::password).orElse(""),
				existing.map(StaticRole::lastRotation).orElse(this.context.clock().instant()));
		if (create) {
			this.rotation.rotate(name, role);
		}
		else {
			store.putStaticRole(name, role);
		}
		return LogicalResponse.empty();
	}

	LogicalResponse readStaticRole(String name) {
		StaticRole role = this.context.store().staticRole(name).orElseThrow(VaultException::notFound);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("db_name", role.dbName());
		data.put("username", role.username());
		data.put("rotation_period", role.rotationPeriodSeconds());
		data.put("rotation_statements", role.rotationStatements());
		data.put("credential_type", "password");
		data.put("last_vault_rotation", role.lastRotation().toString());
		return LogicalResponse.data(data);
	}

	LogicalResponse list(String prefix) {
		List<String> names = this.context.store().names(prefix);
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", names));
	}

	LogicalResponse delete(String key) {
		this.context.store().delete(key);
		return LogicalResponse.empty();
	}

	private void checkAllowed(String dbName, String role) {
		ConnectionConfig config = this.context.config(dbName);
		if (!config.allows(role)) {
			throw VaultException.badRequest("\"" + role + "\" is not an allowed role");
		}
	}

}
