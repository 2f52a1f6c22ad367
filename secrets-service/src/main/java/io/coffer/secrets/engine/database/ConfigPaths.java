package io.coffer.secrets.engine.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;

import static io.coffer.secrets.engine.database.DatabaseFields.bool;
import static io.coffer.secrets.engine.database.DatabaseFields.commaList;
import static io.coffer.secrets.engine.database.DatabaseFields.integer;
import static io.coffer.secrets.engine.database.DatabaseFields.seconds;
import static io.coffer.secrets.engine.database.DatabaseFields.string;
import static io.coffer.secrets.engine.database.DatabaseFields.stringList;

/**
 * {@code config/<name>} (write, read, delete), {@code config/} (list),
 * {@code reset/<name>} and {@code rotate-root/<name>}: the connections the roles use. A
 * write is checked (plugin, URL, password policy, username template) and, with
 * {@code verify_connection}, connected before anything is stored; the password is never
 * read back.
 */
final class ConfigPaths {

	static final String LITERAL_PASSWORD_WARNING = "Password found in connection_url, use a templated url to enable "
			+ "root rotation and prevent read access to password information.";

	private final EngineContext context;

	ConfigPaths(EngineContext context) {
		this.context = context;
	}

	LogicalResponse write(LogicalRequest request, String name) {
		Map<String, Object> data = request.data();
		Optional<ConnectionConfig> existing = (request.operation() == Operation.CREATE) ? Optional.empty()
				: this.context.store().config(name);
		String plugin = string(data, "plugin_name", existing.map(ConnectionConfig::pluginName).orElse(""));
		if (plugin.isEmpty()) {
			throw VaultException.badRequest("empty plugin name");
		}
		if (!plugin.equals(ConnectionConfig.PLUGIN)) {
			throw VaultException.badRequest(
					"error creating database object: invalid database version: plugin not found in the catalog: "
							+ plugin);
		}
		ConnectionConfig.PoolSettings pool = existing.map(ConnectionConfig::pool)
			.orElse(ConnectionConfig.PoolSettings.DEFAULTS);
		int maxOpen = integer(data, "max_open_connections", 0, pool.maxOpenConnections());
		maxOpen = (maxOpen == 0) ? ConnectionConfig.PoolSettings.DEFAULTS.maxOpenConnections() : maxOpen;
		int maxIdle = integer(data, "max_idle_connections", 0, pool.maxIdleConnections());
		maxIdle = (maxIdle == 0 || maxIdle > maxOpen) ? maxOpen : maxIdle;
		ConnectionConfig config = new ConnectionConfig(plugin,
				string(data, "connection_url", existing.map(ConnectionConfig::connectionUrl).orElse("")),
				string(data, "username", existing.map(ConnectionConfig::username).orElse("")),
				string(data, "password", existing.map(ConnectionConfig::password).orElse("")),
				commaList(data, "allowed_roles", existing.map(ConnectionConfig::allowedRoles).orElse(List.of())),
				stringList(data, "root_rotation_statements",
						existing.map(ConnectionConfig::rootRotationStatements).orElse(List.of())),
				string(data, "password_policy", existing.map(ConnectionConfig::passwordPolicy).orElse("")),
				bool(data, "verify_connection", true),
				new ConnectionConfig.PoolSettings(maxOpen, maxIdle,
						seconds(data, "max_connection_lifetime", pool.maxConnectionLifetimeSeconds())),
				string(data, "username_template", existing.map(ConnectionConfig::usernameTemplate).orElse("")));
		JdbcTarget.of(config.connectionUrl(), config.username(), config.password());
		PasswordPolicy.parse(config.passwordPolicy());
		UsernameTemplate.of(config.usernameTemplate());
		if (config.verifyConnection()) {
			Connections.verify(config);
		}
		this.context.store().putConfig(name, config);
		this.context.connections().close(name);
		if (ConnectionUrls.hasLiteralPassword(config.connectionUrl())) {
			return LogicalResponse.empty().withWarnings(List.of(LITERAL_PASSWORD_WARNING));
		}
		return LogicalResponse.empty();
	}

	LogicalResponse read(String name) {
		ConnectionConfig config = this.context.store().config(name).orElseThrow(VaultException::notFound);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("connection_url", ConnectionUrls.redacted(config.connectionUrl()));
		details.put("username", config.username());
		details.put("max_open_connections", config.pool().maxOpenConnections());
		details.put("max_idle_connections", config.pool().maxIdleConnections());
		details.put("max_connection_lifetime",
				VaultDurations.format(java.time.Duration.ofSeconds(config.pool().maxConnectionLifetimeSeconds())));
		if (!config.usernameTemplate().isEmpty()) {
			details.put("username_template", config.usernameTemplate());
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("plugin_name", config.pluginName());
		data.put("plugin_version", "");
		data.put("connection_details", details);
		data.put("allowed_roles", config.allowedRoles());
		data.put("root_credentials_rotate_statements", config.rootRotationStatements());
		data.put("password_policy", config.passwordPolicy());
		data.put("verify_connection", config.verifyConnection());
		return LogicalResponse.data(data);
	}

	LogicalResponse list() {
		List<String> names = this.context.store().names(DatabaseStore.CONFIG);
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", names));
	}

	LogicalResponse delete(String name) {
		this.context.store().delete(DatabaseStore.CONFIG + name);
		this.context.connections().close(name);
		return LogicalResponse.empty();
	}

	/** Closes the config's pool and connects again with what is stored. */
	LogicalResponse reset(String name) {
		ConnectionConfig config = this.context.config(name);
		this.context.connections().close(name);
		try (Connection connection = this.context.open(name, config)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw DatabaseErrors.internal("error resetting connection: ", ex, Connections.secrets(config));
		}
		return LogicalResponse.empty();
	}

	/**
	 * Gives the config's own user a new password at the database, stores it and
	 * reconnects the pool with it. If the new password cannot be stored, the old one is
	 * put back at the database, so the engine never loses its access.
	 */
	LogicalResponse rotateRoot(String name) {
		ConnectionConfig config = this.context.config(name);
		if (config.username().isEmpty()) {
			throw VaultException.badRequest("unable to rotate root credentials: no username in configuration");
		}
		if (ConnectionUrls.hasLiteralPassword(config.connectionUrl())) {
			throw VaultException.badRequest(
					"unable to rotate root credentials: connection_url holds a literal password; use a templated url");
		}
		String newPassword = this.context.password(config);
		List<String> statements = config.rootRotationStatements();
		List<String> secrets = new ArrayList<>(Connections.secrets(config));
		secrets.add(newPassword);
		try (Connection connection = this.context.open(name, config)) {
			Statements.changePassword(connection, statements, config.username(), newPassword);
			try {
				this.context.store().putConfig(name, config.withPassword(newPassword));
			}
			catch (RuntimeException ex) {
				Statements.changePassword(connection, statements, config.username(), config.password());
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw DatabaseErrors.internal("failed to update user: ", ex, secrets);
		}
		this.context.connections().close(name);
		return LogicalResponse.empty();
	}

}
