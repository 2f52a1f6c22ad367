package io.coffer.support.identity;

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

import io.coffer.common.identity.InternalIdentity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What the internal identity costs: one ES256 signature in the gateway and one
 * verification on the node per client address and 10-s window, and a lookup in the node's
 * cache of verified identities for every other request. A program, not a test: run it
 * with {@code deploy/bench/inprocess.sh}.
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
			IdentitySigner signer = new IdentitySigner(gateway, clock, InternalIdentity.GATEWAY);
			JwtDecoder verifier = IdentityVerifier.decoder(
					List.of(new TrustedCaller(InternalIdentity.GATEWAY, List.of((ECPublicKey) gateway.getPublic()))),
					clock, Duration.ofSeconds(5));
			for (int i = 0; i < rounds; i++) {
				verifier.decode(signer.sign("warm-up-" + i));
			}
			String[] tokens = new String[rounds];
			long[] sign = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				// With a client address, as the gateway signs them (one per address and
				// 10 s).
				tokens[i] = signer.sign("request-" + i, "127.0." + (i / 250) % 250 + "." + (i % 250 + 1));
				sign[i] = System.nanoTime() - start;
			}
			long[] verify = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				verifier.decode(tokens[i]);
				verify[i] = System.nanoTime() - start;
			}
			// A request whose identity the node verified before (same address, same 10-s
			// window).
			long[] reuse = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				verifier.decode(tokens[i % 4]);
				reuse[i] = System.nanoTime() - start;
			}
			System.out.printf(Locale.ROOT,
					"internal identity (ES256 JWT with client_address), one thread, %d rounds after as many warm-up%n",
					rounds);
			report("sign (gateway)", sign);
			report("verify (node)", verify);
			report("reused (node)", reuse);
			double signMean = mean(sign);
			double verifyMean = mean(verify);
			double reuseMean = mean(reuse);
			System.out.printf(Locale.ROOT,
					"  per-request CPU at 1,000 requests/s, one identity per address per 10 s:%n");
			for (int addresses : new int[] { 1, 4, 100, 10_000 }) {
				int requests = 10_000;
				int signed = Math.min(addresses, requests);
				double signing = signed * signMean / requests;
				double node = (signed * verifyMean + (requests - signed) * reuseMean) / requests;
				System.out.printf(Locale.ROOT, "    %6d client addresses: gateway %6.2f µs, node %6.2f µs%n", addresses,
						signing / 1e3, node / 1e3);
			}
		}
		finally {
			try (var files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private static double mean(long[] nanos) {
		return Arrays.stream(nanos).average().orElse(0);
	}

	private static void report(String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "  %-15s p50 %7.1f µs  p99 %7.1f µs  mean %7.1f µs%n", name,
				sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
				Arrays.stream(sorted).average().orElse(0) / 1e3);
	}

}
