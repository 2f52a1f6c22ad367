package io.coffer.secrets.engine.database;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LeasedSecret;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many credentials of one config created and revoked at once, as lease-service revokes
 * the leases of a database together: PostgreSQL must not fail any of them with
 * {@code tuple concurrently updated}.
 */
class ConcurrentCredentialsTest {

	private static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' "
			+ "VALID UNTIL '{{expiration}}'; GRANT USAGE ON SCHEMA public TO \"{{name}}\"; "
			+ "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\";";

	private static final int CREDENTIALS = 50;

	private static PostgresServer postgres;

	private final DatabaseFixture db = new DatabaseFixture(postgres);

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.start();
		postgres.execute("CREATE TABLE IF NOT EXISTS orders (id int)");
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@AfterEach
	void closeEngine() {
		this.db.close();
	}

	@Test
	void fiftyCredentialsOfOneConfigAreCreatedAndRevokedConcurrentlyWithoutAFailure() throws Exception {
		this.db.configure("pg", "max_open_connections", 16);
		this.db.write("roles/app", "db_name", "pg", "creation_statements", CREATE, "default_ttl", "1h");

		List<LeasedSecret> secrets = concurrently(CREDENTIALS, (i) -> this.db.read("creds/app").secret());
		assertThat(postgres.rolesLike("v--app-%")).isEqualTo(CREDENTIALS);

		List<Object> revoked = concurrently(CREDENTIALS, (i) -> {
			this.db.engine.revokeSecret(secrets.get(i).internalData());
			return i;
		});

		assertThat(revoked).hasSize(CREDENTIALS);
		for (LeasedSecret secret : secrets) {
			assertThat(postgres.roleExists((String) secret.internalData().get("username"))).isFalse();
		}
		assertThat(postgres.rolesLike("v--app-%")).isZero();
	}

	@Test
	void onlyConcurrencyErrorsAreRetried() {
		assertThat(CatalogWrites.isTransient(new SQLException("ERROR: tuple concurrently updated", "XX000"))).isTrue();
		assertThat(CatalogWrites.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
		assertThat(CatalogWrites.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
		assertThat(CatalogWrites.isTransient(new SQLException("cache lookup failed", "XX000"))).isFalse();
		assertThat(CatalogWrites.isTransient(new SQLException("role \"x\" already exists", "42710"))).isFalse();
	}

	/** Runs {@code task} for 0..count-1, all released at once, one thread each. */
	private static <T> List<T> concurrently(int count, Function<Integer, T> task) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				Callable<T> call = () -> {
					start.await();
					return task.apply(index);
				};
				futures.add(threads.submit(call));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
