package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An in-process throughput figure for aes256-gcm96 with 1 KiB payloads, through the
 * engine (barrier read, JSON decode, AES-GCM) without HTTP. Printed, not asserted: it
 * depends on the machine.
 */
class TransitThroughputTest {

	private static final long MEASURE_NANOS = 1_500_000_000L;

	@Test
	void printsEncryptDecryptOperationsPerSecond() {
		TransitFixture transit = new TransitFixture();
		transit.createKey("bench");
		byte[] payload = new byte[1024];
		new java.security.SecureRandom().nextBytes(payload);
		String plaintext = Base64.getEncoder().encodeToString(payload);

		for (int i = 0; i < 2_000; i++) {
			roundTrip(transit, plaintext);
		}
		long start = System.nanoTime();
		long pairs = 0;
		while (System.nanoTime() - start < MEASURE_NANOS) {
			assertThat(roundTrip(transit, plaintext)).isEqualTo(plaintext);
			pairs++;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("transit aes256-gcm96 1 KiB: %.0f encrypt+decrypt pairs/s (%.0f ops/s), one thread%n",
				pairs / seconds, 2 * pairs / seconds);
	}

	private static String roundTrip(TransitFixture transit, String plaintext) {
		String ciphertext = (String) transit.write("encrypt/bench", mapOf("plaintext", plaintext))
			.data()
			.get("ciphertext");
		return (String) transit.write("decrypt/bench", Map.of("ciphertext", ciphertext)).data().get("plaintext");
	}

}
