package io.coffer.secrets.engine.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.postgresql.Driver;

import io.coffer.secrets.kernel.VaultException;

/**
 * The connection pools of one mount, one per connection config, opened on first use and
 * closed when the config changes, is deleted or reset, when its root password is rotated,
 * when the engine is dropped (seal, or the mount's engine rebuilt) and, by the factory's
 * tick, when the config is gone from storage (e.g. after an unmount). Pools start empty
 * and keep no idle connection longer than their idle timeout, so a config nobody uses
 * holds no connection.
 */
final class Connections {

	/** How long a caller waits for a connection before the request fails. */
	private static final long CONNECTION_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(10);

	private static final long IDLE_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

	/** HikariCP's lower bound for a connection's lifetime. */
	private static final long MIN_LIFETIME_SECONDS = 30;

	private static final String CONNECT_TIMEOUT_SECONDS = "10";

	/** How long a retired pool lets the connections in use finish before it is closed. */
	static final Duration RETIRE_DELAY = Duration.ofSeconds(60);

	private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

	/** Pools replaced or removed, until they are closed. */
	private final Set<HikariDataSource> retired = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService housekeeping;

	private final String poolPrefix;

	private volatile boolean closed;

	/**
	 * @param housekeeping the pools' shared housekeeping thread (one per factory, not one
	 * per pool)
	 * @param poolPrefix names the pools in thread names and pool logs (the mount
	 * accessor)
	 */
	Connections(ScheduledExecutorService housekeeping, String poolPrefix) {
		this.housekeeping = housekeeping;
		this.poolPrefix = poolPrefix;
	}

	/**
	 * Connects once with the config's settings, outside any pool: the check behind
	 * {@code verify_connection}.
	 * @throws VaultException 400 with the database's message, the password taken out
	 */
	static void verify(ConnectionConfig config) {
		JdbcTarget target = JdbcTarget.of(config.connectionUrl(), config.username(), config.password());
		try (Connection connection = connect(target)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw DatabaseErrors.badRequest("error creating database object: error verifying connection: ", ex,
					secrets(config));
		}
	}

	/** A pooled connection for the named config; close it to give it back. */
	Connection open(String name, ConnectionConfig config) throws SQLException {
		if (this.closed) {
			throw new SQLException("the database engine was closed");
		}
		HikariDataSource pool = this.pools.get(name);
		if (pool == null) {
			// A pool keeps retrying a refused login until its timeout; the first use
			// connects once directly, so a wrong password fails at once with the
			// server's message.
			try (Connection probe = connect(
					JdbcTarget.of(config.connectionUrl(), config.username(), config.password()))) {
				probe.isValid(5);
			}
			pool = this.pools.computeIfAbsent(name, (key) -> pool(key, config));
		}
		try {
			return pool.getConnection();
		}
		catch (SQLException ex) {
			// Hikari wraps the driver's error in its own timeout message: report the
			// database's.
			if (ex.getCause() instanceof SQLException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Retires the named config's pool; the next use opens a new one. Its idle connections
	 * close now; connections in use finish their work (closing a pool would abort them
	 * mid-transaction) and close when given back, and the pool itself is closed after
	 * {@link #RETIRE_DELAY}.
	 */
	void close(String name) {
		HikariDataSource pool = this.pools.remove(name);
		if (pool == null) {
			return;
		}
		HikariPoolMXBean connections = pool.getHikariPoolMXBean();
		if (connections != null) {
			connections.softEvictConnections();
		}
		this.retired.add(pool);
		try {
			this.housekeeping.schedule(() -> {
				this.retired.remove(pool);
				pool.close();
			}, RETIRE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.retired.remove(pool);
			pool.close();
		}
	}

	/**
	 * Closes the pools of configs no longer stored (deleted, or the mount's data removed
	 * with the mount).
	 */
	void retainOnly(Collection<String> configs) {
		for (String name : List.copyOf(this.pools.keySet())) {
			if (!configs.contains(name)) {
				close(name);
			}
		}
	}

	/**
	 * Closes every pool for good, at once: connections in use are aborted (the node is
	 * sealing or the mount's engine is replaced).
	 */
	void closeAll() {
		this.closed = true;
		for (String name : List.copyOf(this.pools.keySet())) {
			HikariDataSource pool = this.pools.remove(name);
			if (pool != null) {
				pool.close();
			}
		}
		for (HikariDataSource pool : List.copyOf(this.retired)) {
			this.retired.remove(pool);
			pool.close();
		}
	}

	static List<String> secrets(ConnectionConfig config) {
		return List.of(config.password());
	}

	private HikariDataSource pool(String name, ConnectionConfig config) {
		JdbcTarget target = JdbcTarget.of(config.connectionUrl(), config.username(), config.password());
		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName(this.poolPrefix + "-" + name);
		hikari.setDriverClassName(Driver.class.getName());
		hikari.setJdbcUrl(target.jdbcUrl());
		hikari.setDataSourceProperties(withTimeouts(target.properties()));
		hikari.setMaximumPoolSize(Math.max(1, config.pool().maxOpenConnections()));
		hikari.setMinimumIdle(0);
		hikari.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
		hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		hikari.setInitializationFailTimeout(-1);
		hikari.setScheduledExecutor(this.housekeeping);
		long lifetime = config.pool().maxConnectionLifetimeSeconds();
		if (lifetime > 0) {
			hikari.setMaxLifetime(TimeUnit.SECONDS.toMillis(Math.max(MIN_LIFETIME_SECONDS, lifetime)));
		}
		return new HikariDataSource(hikari);
	}

	private static Connection connect(JdbcTarget target) throws SQLException {
		Connection connection = new Driver().connect(target.jdbcUrl(), withTimeouts(target.properties()));
		if (connection == null) {
			throw new SQLException("the PostgreSQL driver does not accept this connection_url");
		}
		return connection;
	}

	private static Properties withTimeouts(Properties properties) {
		Properties out = new Properties();
		out.putAll(properties);
		out.putIfAbsent("connectTimeout", CONNECT_TIMEOUT_SECONDS);
		out.putIfAbsent("loginTimeout", CONNECT_TIMEOUT_SECONDS);
		return out;
	}

}
