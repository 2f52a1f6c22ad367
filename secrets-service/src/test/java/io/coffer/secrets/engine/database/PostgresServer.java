package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for one test class, with password authentication: the engine's config
 * user {@code admin} (a superuser with a password) must log in with its password like any
 * user the engine creates, while the test itself inspects the server as {@code postgres}
 * over trust.
 */
final class PostgresServer implements AutoCloseable {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "Admin-Pass-123";

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static PostgresServer start() {
		try {
			Path data = Files.createTempDirectory("coffer-db-engine-");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(true)
				.setServerConfig("password_encryption", "scram-sha-256")
				.start();
			PostgresServer server = new PostgresServer(postgres);
			server.execute("CREATE ROLE " + ADMIN + " WITH LOGIN SUPERUSER PASSWORD '" + ADMIN_PASSWORD + "'");
			Files.writeString(data.resolve("pg_hba.conf"), """
					local all all trust
					host all postgres 127.0.0.1/32 trust
					host all postgres ::1/128 trust
					host all all 127.0.0.1/32 scram-sha-256
					host all all ::1/128 scram-sha-256
					""");
			server.execute("SELECT pg_reload_conf()");
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.postgres.getPort();
	}

	/** The URL form of a connection_url, with the config's templates. */
	String templatedUrl() {
		return "postgresql://{{username}}:{{password}}@localhost:" + port() + "/postgres?sslmode=disable";
	}

	/** Logs in as {@code user}; throws the server's refusal. */
	Connection login(String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres", properties);
	}

	boolean canLogin(String user, String password) {
		try (Connection connection = login(user, password)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	void execute(String sql) {
		try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean roleExists(String name) {
		return query("SELECT count(*) FROM pg_roles WHERE rolname = ?", name) > 0;
	}

	long rolesLike(String pattern) {
		return query("SELECT count(*) FROM pg_roles WHERE rolname LIKE ?", pattern);
	}

	/** Open sessions of {@code user}. */
	long sessionsOf(String user) {
		return query("SELECT count(*) FROM pg_stat_activity WHERE usename = ?", user);
	}

	OffsetDateTime validUntil(String name) {
		try (Connection connection = superuser();
				PreparedStatement statement = connection
					.prepareStatement("SELECT rolvaliduntil FROM pg_roles WHERE rolname = ?")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getObject(1, OffsetDateTime.class) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long query(String sql, String parameter) {
		try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Connection superuser() throws SQLException {
		return DriverManager.getConnection(this.postgres.getJdbcUrl("postgres", "postgres"));
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
