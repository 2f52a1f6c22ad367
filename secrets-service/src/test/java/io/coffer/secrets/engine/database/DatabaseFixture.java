package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database mount over an unsealed in-memory barrier, built as the mount table builds it
 * (through the factory), talking to a {@link PostgresServer}.
 */
final class DatabaseFixture implements AutoCloseable {

	final InMemoryStorage storage = new InMemoryStorage();

	final Barrier barrier = TestBarriers.unsealed(this.storage);

	final String uuid = UUID.randomUUID().toString();

	final MountEntry mount = new MountEntry("database/", "database", "", "database_1a2b3c4d", this.uuid,
			MountEntry.MountConfig.DEFAULTS, Map.of());

	final DatabaseEngineFactory factory;

	final SecretEngine engine;

	final PostgresServer postgres;

	DatabaseFixture(PostgresServer postgres, Clock clock, Duration tick) {
		this.postgres = postgres;
		this.factory = new DatabaseEngineFactory(clock, new SecureRandom(), () -> true, tick);
		this.engine = this.factory.create(this.mount, this.barrier.view("logical/" + this.uuid + "/"));
	}

	DatabaseFixture(PostgresServer postgres) {
		this(postgres, Clock.systemUTC(), Duration.ofHours(1));
	}

	LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		return this.engine.handle(new LogicalRequest(operation, path, data, this.mount, "req-1"));
	}

	/** A write, as the router sends it after the existence check. */
	LogicalResponse write(String path, Object... fields) {
		Map<String, Object> data = mapOf(fields);
		LogicalRequest probe = new LogicalRequest(Operation.UPDATE, path, data, this.mount, "req-1");
		return call(this.engine.exists(probe) ? Operation.UPDATE : Operation.CREATE, path, data);
	}

	LogicalResponse read(String path) {
		return call(Operation.READ, path, Map.of());
	}

	VaultException failure(Runnable call) {
		return assertThatExceptionOfType(VaultException.class).isThrownBy(call::run).actual();
	}

	/** A config {@code name} for the server's admin, allowing every role. */
	void configure(String name, Object... extra) {
		Map<String, Object> data = mapOf("plugin_name", "postgresql-database-plugin", "connection_url",
				this.postgres.templatedUrl(), "username", PostgresServer.ADMIN, "password",
				PostgresServer.ADMIN_PASSWORD, "allowed_roles", "*");
		data.putAll(mapOf(extra));
		call(Operation.CREATE, "config/" + name, data);
	}

	static Map<String, Object> mapOf(Object... pairs) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put((String) pairs[i], pairs[i + 1]);
		}
		return out;
	}

	@Override
	public void close() {
		this.factory.destroy();
	}

}
