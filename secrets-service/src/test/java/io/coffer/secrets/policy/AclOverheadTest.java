package io.coffer.secrets.policy;

import java.util.Arrays;
import java.util.List;

import io.coffer.secrets.engine.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the cost of the per-request authorization decision (the figure the
 * tokens/policies issue asks for): with the compiled ACL cached, and uncached (a policy
 * write invalidates the cache before every check, as a policy change does). Asserts only
 * the decisions, never the timings.
 */
class AclOverheadTest {

	private static final int ROUNDS = 20_000;

	@Test
	void printsAuthorizationOverheadCachedAndUncached() {
		PolicyFixture fixture = new PolicyFixture();
		for (int i = 0; i < 20; i++) {
			fixture.policy("team" + i,
					"path \"secret/data/team" + i + "/*\" { capabilities = [\"read\", \"list\"] }\n"
							+ "path \"secret/data/+/shared\" { capabilities = [\"read\"] }\n"
							+ "path \"transit/encrypt/team" + i + "\" { capabilities = [\"update\"] }\n");
		}
		List<String> policies = List.of("default", "team3", "team7", "team11");

		long[] cached = measure(ROUNDS,
				() -> assertThat(fixture.check(policies, "secret/data/team7/app/config", Operation.READ).allowed())
					.isTrue());
		long[] uncached = measure(ROUNDS / 10, () -> {
			fixture.store.invalidate();
			assertThat(fixture.check(policies, "secret/data/team9/app", Operation.READ).allowed()).isFalse();
		});

		System.out.printf("ACL decision, cached:   p50 %.1f us, p99 %.1f us (%d checks)%n", pct(cached, 50),
				pct(cached, 99), cached.length);
		System.out.printf("ACL decision, uncached: p50 %.1f us, p99 %.1f us (%d checks, compile from storage)%n",
				pct(uncached, 50), pct(uncached, 99), uncached.length);
		assertThat(fixture.check(policies, "secret/data/x/shared", Operation.READ).allowed()).isTrue();
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
