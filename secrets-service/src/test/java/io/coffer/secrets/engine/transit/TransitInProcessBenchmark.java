package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;

/**
 * The transit engine's own rate for aes256-gcm96 with 1 KiB payloads: encrypt and decrypt
 * through {@code SecretEngine.handle} over an unsealed in-memory barrier (key read,
 * barrier decrypt, JSON decode, AES-GCM, response), without HTTP. A program, not a test:
 * run it with {@code deploy/bench/inprocess.sh}; the HTTP figures come from the benchmark
 * harness ({@code transit-encrypt-1k-max}, {@code transit-decrypt-1k-max}).
 */
public final class TransitInProcessBenchmark {

	private TransitInProcessBenchmark() {
	}

	public static void main(String[] args) {
		Duration measure = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 10);
		TransitFixture transit = new TransitFixture();
		transit.createKey("bench");
		byte[] payload = new byte[1024];
		new SecureRandom().nextBytes(payload);
		String plaintext = Base64.getEncoder().encodeToString(payload);
		Map<String, Object> encryptData = mapOf("plaintext", plaintext);
		Supplier<String> encrypt = () -> (String) transit.write("encrypt/bench", encryptData).data().get("ciphertext");
		Map<String, Object> decryptData = Map.of("ciphertext", encrypt.get());
		Supplier<String> decrypt = () -> (String) transit.write("decrypt/bench", decryptData).data().get("plaintext");
		if (!plaintext.equals(decrypt.get())) {
			throw new IllegalStateException("decrypt did not return the plaintext");
		}
		System.out.printf(Locale.ROOT, "transit in-process, aes256-gcm96, 1 KiB, one thread, %d s per operation%n",
				measure.toSeconds());
		warmUp(encrypt, measure.dividedBy(2));
		warmUp(decrypt, measure.dividedBy(2));
		System.out.printf(Locale.ROOT, "%-8s %10s %9s %9s %9s%n", "op", "ops/s", "p50 µs", "p99 µs", "max µs");
		report("encrypt", encrypt, measure);
		report("decrypt", decrypt, measure);
	}

	/** The same loop, not reported, so that the JIT has compiled the path. */
	private static void warmUp(Supplier<String> operation, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			operation.get();
		}
	}

	private static void report(String name, Supplier<String> operation, Duration duration) {
		long[] samples = new long[1 << 16];
		int count = 0;
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long now = start;
		while (now < end) {
			long before = now;
			operation.get();
			now = System.nanoTime();
			if (count == samples.length) {
				samples = Arrays.copyOf(samples, samples.length * 2);
			}
			samples[count++] = now - before;
		}
		double seconds = (now - start) / 1e9;
		long[] sorted = Arrays.copyOf(samples, count);
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "%-8s %10.0f %9.1f %9.1f %9.1f%n", name, count / seconds, micros(sorted, 0.50),
				micros(sorted, 0.99), sorted[count - 1] / 1e3);
	}

	private static double micros(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e3;
	}

}
