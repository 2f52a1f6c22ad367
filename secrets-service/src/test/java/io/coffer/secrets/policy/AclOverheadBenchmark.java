package io.coffer.secrets.policy;

import java.util.Arrays;
import java.util.List;

import io.coffer.secrets.kernel.Operation;

/**
 * The cost of the per-request authorization decision: with the compiled ACL cached, and
 * uncached (the cache invalidated before every check, as a policy change does). A
 * program, not a test: run it with {@code deploy/bench/inprocess.sh}.
 */
public final class AclOverheadBenchmark {

	private static final int ROUNDS = 20_000;

	private AclOverheadBenchmark() {
	}

	public static void main(String[] args) {
		PolicyFixture fixture = new PolicyFixture();
		for (int i = 0; i < 20; i++) {
			fixture.policy("team" + i,
					"path \"secret/data/team" + i + "/*\" { capabilities = [\"read\", \"list\"] }\n"
							+ "path \"secret/data/+/shared\" { capabilities = [\"read\"] }\n"
							+ "path \"transit/encrypt/team" + i + "\" { capabilities = [\"update\"] }\n");
		}
		List<String> policies = List.of("default", "team3", "team7", "team11");

		long[] cached = measure(ROUNDS,
				() -> expect(fixture.check(policies, "secret/data/team7/app/config", Operation.READ).allowed(), true));
		long[] uncached = measure(ROUNDS / 10, () -> {
			fixture.store.invalidate();
			expect(fixture.check(policies, "secret/data/team9/app", Operation.READ).allowed(), false);
		});

		System.out.printf("ACL decision, cached:   p50 %.1f us, p99 %.1f us (%d checks)%n", pct(cached, 50),
				pct(cached, 99), cached.length);
		System.out.printf("ACL decision, uncached: p50 %.1f us, p99 %.1f us (%d checks, compile from storage)%n",
				pct(uncached, 50), pct(uncached, 99), uncached.length);
	}

	private static void expect(boolean allowed, boolean expected) {
		if (allowed != expected) {
			throw new IllegalStateException("unexpected ACL decision: " + allowed);
		}
	}

	private static long[] measure(int rounds, Runnable check) {
		for (int i = 0; i < rounds / 10; i++) {
			check.run();
		}
		long[] nanos = new long[rounds];
		for (int i = 0; i < rounds; i++) {
			long start = System.nanoTime();
			check.run();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static double pct(long[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1000.0;
	}

}
