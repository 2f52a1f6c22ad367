package io.coffer.secrets.engine.kv;

import java.time.Instant;
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
import io.coffer.testsupport.time.TestClock;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A KV mount over an unsealed in-memory barrier, with a hand-moved clock. */
final class KvFixture {

	static final Instant START = Instant.parse("2026-11-28T01:02:03.123456789Z");

	final InMemoryStorage storage = new InMemoryStorage();

	final Barrier barrier = TestBarriers.unsealed(this.storage);

	final TestClock clock = new TestClock(START);

	final KvEngineFactory factory = new KvEngineFactory(this.clock);

	final String uuid = UUID.randomUUID().toString();

	MountEntry mount;

	SecretEngine engine;

	private KvFixture(Map<String, String> options, MountEntry.MountConfig config) {
		this.mount = new MountEntry("secret/", "kv", "", "kv_1a2b3c4d", this.uuid, config, options);
		this.engine = this.factory.create(this.mount, this.barrier.view(viewPrefix()));
	}

	static KvFixture v1() {
		return new KvFixture(Map.of(), MountEntry.MountConfig.DEFAULTS);
	}

	static KvFixture v1(MountEntry.MountConfig config) {
		return new KvFixture(Map.of(), config);
	}

	static KvFixture v2() {
		return new KvFixture(Map.of("version", "2"), MountEntry.MountConfig.DEFAULTS);
	}

	/** Re-creates the engine as the mount layer does after a tune of the options. */
	void remount(Map<String, String> options) {
		this.mount = this.mount.withOptions(options);
		this.engine = this.factory.create(this.mount, this.barrier.view(viewPrefix()));
	}

	String viewPrefix() {
		return "logical/" + this.uuid + "/";
	}

	LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		return this.engine.handle(new LogicalRequest(operation, path, data, this.mount, "req-1"));
	}

	LogicalResponse call(Operation operation, String path) {
		return call(operation, path, Map.of());
	}

	VaultException failure(Operation operation, String path, Map<String, Object> data) {
		return assertThatExceptionOfType(VaultException.class).isThrownBy(() -> call(operation, path, data)).actual();
	}

	boolean exists(String path) {
		return this.engine.exists(new LogicalRequest(Operation.UPDATE, path, Map.of(), this.mount, "req-1"));
	}

	/**
	 * Writes {@code secret} as a new version of a KV v2 key; returns the response data.
	 */
	Map<String, Object> put(String key, Map<String, Object> secret) {
		return call(Operation.UPDATE, "data/" + key, Map.of("data", secret)).data();
	}

	Map<String, Object> putWithCas(String key, Map<String, Object> secret, Object cas) {
		return call(Operation.UPDATE, "data/" + key, Map.of("data", secret, "options", Map.of("cas", cas))).data();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	/** A mutable map that may hold nulls (for merge-patch and null-field bodies). */
	static Map<String, Object> mapOf(Object... pairs) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put((String) pairs[i], pairs[i + 1]);
		}
		return out;
	}

	boolean rawKeyExists(String viewKey) {
		return this.storage.raw().containsKey(viewPrefix() + viewKey);
	}

}
