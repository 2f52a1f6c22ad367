package io.coffer.secrets.quota;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule's counters: Vault's limiter arithmetic, blocking, and the memory bound. */
class ClientLimiterTest {

	@Test
	void eachClientGetsTheRatePerIntervalThenIsRefusedUntilTheReset() {
		ClientLimiter limiter = new ClientLimiter(quota(3, Duration.ofHours(1), Duration.ZERO));
		for (int remaining = 2; remaining >= 0; remaining--) {
			RateLimitOutcome outcome = limiter.take("10.0.0.1");
			assertThat(outcome.allowed()).isTrue();
			assertThat(outcome.remaining()).isEqualTo(remaining);
		}
		RateLimitOutcome refused = limiter.take("10.0.0.1");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.rateLimitHeaders()).containsEntry("X-RateLimit-Limit", "3")
			.containsEntry("X-RateLimit-Remaining", "0");
		assertThat(refused.retryAfterSeconds()).isBetween(3590L, 3600L);
		assertThat(limiter.take("10.0.0.2").allowed()).isTrue();
	}

	@Test
	void theRateIsRoundedAsVaultsLimiterDoesButNeverToZero() {
		assertThat(new ClientLimiter(quota(2.4, Duration.ofHours(1), Duration.ZERO)).take("a").limit()).isEqualTo(2);
		assertThat(new ClientLimiter(quota(2.5, Duration.ofHours(1), Duration.ZERO)).take("a").limit()).isEqualTo(3);
		assertThat(new ClientLimiter(quota(0.2, Duration.ofHours(1), Duration.ZERO)).take("a").limit()).isEqualTo(1);
	}

	@Test
	void aBlockedClientIsToldOnlyWhenToComeBack() {
		ClientLimiter limiter = new ClientLimiter(quota(1, Duration.ofSeconds(1), Duration.ofMinutes(10)));
		assertThat(limiter.take("c").allowed()).isTrue();
		RateLimitOutcome violation = limiter.take("c");
		assertThat(violation.allowed()).isFalse();
		assertThat(violation.retryAfterSeconds()).isEqualTo(600);
		RateLimitOutcome blocked = limiter.take("c");
		assertThat(blocked.allowed()).isFalse();
		assertThat(blocked.rateLimitHeaders()).isEmpty();
		assertThat(blocked.retryAfterSeconds()).isBetween(599L, 600L);
	}

	@Test
	void aRewrittenRuleWithTheSameLimitsKeepsItsCounters() {
		ClientLimiter limiter = new ClientLimiter(quota(1, Duration.ofHours(1), Duration.ZERO));
		limiter.take("d");
		ClientLimiter renamed = limiter
			.withQuota(new RateLimitQuota("q", "other/", "", "", 1, Duration.ofHours(1), Duration.ZERO, true));
		assertThat(renamed.take("d").allowed()).isFalse();
	}

	@Test
	void memoryIsBoundedWhateverTheNumberOfClients() {
		ClientLimiter limiter = new ClientLimiter(quota(5, Duration.ofHours(1), Duration.ofHours(1)));
		for (int i = 0; i < ClientLimiter.MAX_CLIENTS + 20_000; i++) {
			limiter.take("client-" + i);
		}
		assertThat(limiter.trackedClients()).isLessThanOrEqualTo(ClientLimiter.MAX_CLIENTS);
	}

	private static RateLimitQuota quota(double rate, Duration interval, Duration block) {
		return new RateLimitQuota("q", "", "", "", rate, interval, block, true);
	}

}
