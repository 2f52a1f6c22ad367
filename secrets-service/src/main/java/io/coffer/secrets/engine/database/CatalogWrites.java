package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the work that changes a database's catalog (creating, renewing, revoking users) so
 * that concurrent requests on one config do not fail each other. PostgreSQL updates
 * shared catalog rows in place: two transactions that {@code GRANT}/{@code REVOKE} on the
 * same schema, database or table (as the default revocation of different users does on
 * {@code public} and the database) make the later one fail with
 * {@code tuple concurrently updated} instead of waiting. Such work is run again, whole, a
 * few times after a short random wait, and these second tries are serialized per config
 * within the mount, so that they no longer collide with each other. First tries run
 * unlocked: serializing every write made 32 concurrent revocations about 1.5 times
 * slower, while collisions are rare enough for retries to stay few.
 */
final class CatalogWrites {

	/** Tries in all, the first included. */
	static final int ATTEMPTS = 6;

	/** Upper bound of the first wait; doubled at each further try. */
	private static final long BASE_WAIT_MILLIS = 20;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	private final SecureRandom random;

	CatalogWrites(SecureRandom random) {
		this.random = random;
	}

	/** Work on one connection config, run again from the start on a transient error. */
	@FunctionalInterface
	interface Work<T> {

		T run() throws SQLException;

	}

	/**
	 * Runs {@code work} for config {@code dbName}; on a transient concurrency error, runs
	 * it again after a random wait, then alone among this mount's retried writes to that
	 * config.
	 * @throws SQLException the last error, when it is not transient or the tries are used
	 * up
	 */
	<T> T run(String dbName, Work<T> work) throws SQLException {
		for (int attempt = 1;; attempt++) {
			try {
				return (attempt == 1) ? work.run() : serialized(dbName, work);
			}
			catch (SQLException ex) {
				if (attempt >= ATTEMPTS || !isTransient(ex)) {
					throw ex;
				}
				pause(attempt);
			}
		}
	}

	/**
	 * Whether running the same work again may succeed: a concurrent catalog update
	 * (internal error {@code XX000} with that text), a serialization failure
	 * ({@code 40001}) or a deadlock ({@code 40P01}).
	 */
	static boolean isTransient(SQLException ex) {
		String state = ex.getSQLState();
		if ("40001".equals(state) || "40P01".equals(state)) {
			return true;
		}
		return "XX000".equals(state) && ex.getMessage() != null
				&& ex.getMessage().contains("tuple concurrently updated");
	}

	private <T> T serialized(String dbName, Work<T> work) throws SQLException {
		ReentrantLock lock = this.locks.computeIfAbsent(dbName, (key) -> new ReentrantLock());
		lock.lock();
		try {
			return work.run();
		}
		finally {
			lock.unlock();
		}
	}

	private void pause(int attempt) throws SQLException {
		long bound = BASE_WAIT_MILLIS << (attempt - 1);
		try {
			TimeUnit.MILLISECONDS.sleep(1 + this.random.nextLong(bound));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while waiting to retry", "57014", ex);
		}
	}

}
