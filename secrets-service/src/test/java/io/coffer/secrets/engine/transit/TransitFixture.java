package io.coffer.secrets.engine.transit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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

/** A transit mount over an unsealed in-memory barrier, with a hand-moved clock. */
final class TransitFixture {

	static final Instant START = Instant.parse("2026-11-28T01:02:03Z");

	final InMemoryStorage storage = new InMemoryStorage();

	final Barrier barrier = TestBarriers.unsealed(this.storage);

	final TestClock clock = new TestClock(START);

	final String uuid = UUID.randomUUID().toString();

	final MountEntry mount = new MountEntry("transit/", "transit", "", "transit_1a2b3c4d", this.uuid,
			MountEntry.MountConfig.DEFAULTS, Map.of());

	final SecretEngine engine = new TransitEngineFactory(this.clock, new SecureRandom()).create(this.mount,
			this.barrier.view("logical/" + this.uuid + "/"));

	LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		return this.engine.handle(new LogicalRequest(operation, path, data, this.mount, "req-1"));
	}

	/** A write, as the router would send it after the existence check. */
	LogicalResponse write(String path, Map<String, Object> data) {
		LogicalRequest probe = new LogicalRequest(Operation.UPDATE, path, data, this.mount, "req-1");
		return call(this.engine.exists(probe) ? Operation.UPDATE : Operation.CREATE, path, data);
	}

	LogicalResponse read(String path) {
		return call(Operation.READ, path, Map.of());
	}

	VaultException failure(String path, Map<String, Object> data) {
		return assertThatExceptionOfType(VaultException.class).isThrownBy(() -> write(path, data)).actual();
	}

	Map<String, Object> createKey(String name, Object... fields) {
		return write("keys/" + name, mapOf(fields)).data();
	}

	String encrypt(String key, String plaintext, Object... fields) {
		Map<String, Object> data = mapOf(fields);
		data.put("plaintext", b64(plaintext));
		return (String) write("encrypt/" + key, data).data().get("ciphertext");
	}

	String decrypt(String key, String ciphertext, Object... fields) {
		Map<String, Object> data = mapOf(fields);
		data.put("ciphertext", ciphertext);
		return unb64((String) write("decrypt/" + key, data).data().get("plaintext"));
	}

	void advance(Duration duration) {
		this.clock.advance(duration);
	}

	static String b64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static String unb64(String text) {
		return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
	}

	static Map<String, Object> mapOf(Object... pairs) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put((String) pairs[i], pairs[i + 1]);
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
