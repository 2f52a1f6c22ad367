package io.coffer.common.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What the internal identity costs per forwarded request: one ES256 signature in the
 * gateway and one verification on the node. A program, not a test: run it with
 * {@code deploy/bench/inprocess.sh}.
 */
public final class IdentityCostBenchmark {

	private IdentityCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5_000;
		Path dir = Files.createTempDirectory("coffer-identity-bench");
		try {
			KeyPair gateway = IdentityKeyFiles.generate(dir.resolve("gateway.pem"), new SecureRandom());
			Clock clock = Clock.systemUTC();
			IdentitySigner signer = new IdentitySigner(gateway, clock);
			JwtDecoder verifier = IdentityVerifier.decoder(List.of((ECPublicKey) gateway.getPublic()), clock,
					Duration.ofSeconds(5));
			for (int i = 0; i < rounds; i++) {
				verifier.decode(signer.sign("warm-up-" + i));
			}
			String[] tokens = new String[rounds];
			long[] sign = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				tokens[i] = signer.sign("request-" + i);
				sign[i] = System.nanoTime() - start;
			}
			long[] verify = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				verifier.decode(tokens[i]);
				verify[i] = System.nanoTime() - start;
			}
			System.out.printf(Locale.ROOT,
					"internal identity (ES256 JWT), one thread, %d rounds after as many warm-up%n", rounds);
			report("sign (gateway)", sign);
			report("verify (node)", verify);
		}
		finally {
			try (var files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private static void report(String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "  %-15s p50 %7.1f µs  p99 %7.1f µs  mean %7.1f µs%n", name,
				sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
				Arrays.stream(sorted).average().orElse(0) / 1e3);
	}

}
