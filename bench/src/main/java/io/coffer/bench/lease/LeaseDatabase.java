package io.coffer.bench.lease;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Direct access to lease-service's PostgreSQL for what the benchmark must do in bulk or
 * observe without going through the API: seed a million leases in one statement, count
 * the leases under a prefix, count the target database's roles.
 */
final class LeaseDatabase {

	/**
	 * The mount accessor of seeded leases: no mount has it, so the node never revokes
	 * them.
	 */
	static final String SEED_ACCESSOR = "database_bench_seed";

	private final String url;

	LeaseDatabase(String url) {
		this.url = url;
	}

	/**
	 * Inserts {@code count} live leases under {@code prefix} that expire in a year (the
	 * table lease-service serves at that size; they are never revoked during the run).
	 */
	void seed(String prefix, long count) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO leases (lease_id, mount_path, mount_accessor, issue_time, expire_time,"
					+ " max_expire_time, renewable, revocation_data) SELECT '" + prefix + "' || lpad(i::text, 24, '0'),"
					+ " 'bench-seed/', '" + SEED_ACCESSOR + "', now(), now() + interval '365 days',"
					+ " now() + interval '365 days', true, 'c2VlZA==' FROM generate_series(1, " + count + ") AS i"
					+ " ON CONFLICT DO NOTHING");
		}
	}

	/** Removes the seeded leases. */
	void unseed() throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection
					.prepareStatement("DELETE FROM leases WHERE mount_accessor = ?")) {
			statement.setString(1, SEED_ACCESSOR);
			statement.executeUpdate();
		}
	}

	long countUnder(String prefix) throws SQLException {
		return count("SELECT count(*) FROM leases WHERE lease_id LIKE ?", prefix + "%");
	}

	long countRolesLike(String pattern) throws SQLException {
		return count("SELECT count(*) FROM pg_roles WHERE rolname LIKE ?", pattern);
	}

	long countAll() throws SQLException {
		return count("SELECT count(*) FROM leases", null);
	}

	private long count(String sql, String parameter) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			if (parameter != null) {
				statement.setString(1, parameter);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, "postgres", "");
	}

}
