package io.coffer.secrets.warmup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.core.Json;

/**
 * Runs the CPU-heavy pieces of a KV request on scratch data while the context starts,
 * before the HTTP port opens: the JSON (de)serialization of request bodies and storage
 * entries, the barrier's AES-GCM sealing and opening and the HMAC of storage keys. So the
 * JIT has compiled them when the first requests arrive, on every node (a standby that
 * becomes active is warm too). Nothing is read from or written to storage: the key is
 * random and forgotten, the data made up. Bounded by {@link WarmupProperties#budget()}
 * and {@link WarmupProperties#iterations()}. Because it runs during the context refresh,
 * the AOT cache's training run (deploy/local/lib/jvm.sh) records it too.
 */
@Component
@ConditionalOnProperty(name = "coffer.warmup.enabled", havingValue = "true")
class InProcessWarmup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(InProcessWarmup.class);

	private final WarmupProperties properties;

	InProcessWarmup(WarmupProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long started = System.nanoTime();
		int rounds = run(this.properties.iterations(), started + this.properties.budget().toNanos());
		log.info("In-process warm-up: {} rounds in {} ms", rounds, (System.nanoTime() - started) / 1_000_000);
	}

	/** Runs rounds until {@code iterations} or the deadline; returns how many ran. */
	static int run(int iterations, long deadlineNanos) {
		SecureRandom random = new SecureRandom();
		byte[] key = new byte[AesGcm.KEY_BYTES];
		random.nextBytes(key);
		byte[] aad = "warmup/entry".getBytes(StandardCharsets.UTF_8);
		long sink = 0;
		int round = 0;
		while (round < iterations && System.nanoTime() - deadlineNanos < 0) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("value", "v".repeat(128));
			data.put("seq", Integer.toString(round));
			Map<String, Object> body = Map.of("data", data, "options", Map.of("cas", round));
			byte[] plain = Json.write(body);
			byte[] sealed = AesGcm.encrypt(key, plain, aad, random);
			Map<String, Object> back = Json.readMap(AesGcm.decrypt(key, sealed, aad));
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("request_id", "warmup-" + round);
			response.put("data", Map.of("data", back.get("data"), "metadata",
					Map.of("version", round, "destroyed", false, "custom_metadata", Map.of())));
			response.put("warnings", List.of());
			sink += Json.write(response).length;
			sink += Hmac.sha256Hex(key, "logical/warmup/k" + (round % 200)).length();
			round++;
		}
		if (sink == 42) {
			log.trace("unlikely");
		}
		return round;
	}

}
