package io.coffer.secrets.quota;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The counters of one quota rule: a Bucket4j token bucket per client address holding
 * {@code rate} tokens, refilled in full every {@code interval} (Vault's limiter), and the
 * time until which a client that exceeded it is refused ({@code block_interval}).
 * <p>
 * Memory is bounded: at most {@value #MAX_CLIENTS} clients per rule (least recently seen
 * dropped first), and a client idle for longer than both intervals is forgotten, which
 * loses nothing (its bucket would be full again and its block over).
 */
final class ClientLimiter {

	/** About 20 MB per rule at most (a bucket and its entry take roughly 200 bytes). */
	static final long MAX_CLIENTS = 100_000;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final RateLimitQuota quota;

	private final Cache<String, Client> clients;

	ClientLimiter(RateLimitQuota quota) {
		this.quota = quota;
		Duration idle = quota.interval().compareTo(quota.blockInterval()) >= 0 ? quota.interval()
				: quota.blockInterval();
		this.clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(idle.plusSeconds(1)).build();
	}

	private ClientLimiter(RateLimitQuota quota, Cache<String, Client> clients) {
		this.quota = quota;
		this.clients = clients;
	}

	/**
	 * This limiter's counters under a rewritten rule with the same rate and intervals
	 * ({@link RateLimitQuota#sameLimits}).
	 */
	ClientLimiter withQuota(RateLimitQuota rewritten) {
		return new ClientLimiter(rewritten, this.clients);
	}

	RateLimitQuota quota() {
		return this.quota;
	}

	/** Takes one request of {@code client} against the rule. */
	RateLimitOutcome take(String client) {
		Client state = this.clients.get(client, (key) -> new Client(newBucket()));
		long now = System.nanoTime();
		long blockedUntil = state.blockedUntil;
		if (blockedUntil != 0 && blockedUntil - now > 0) {
			return RateLimitOutcome.blocked(ceilSeconds(blockedUntil - now));
		}
		long limit = this.quota.tokens();
		ConsumptionProbe probe = state.bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return RateLimitOutcome.allowed(limit, probe.getRemainingTokens(),
					ceilSeconds(probe.getNanosToWaitForReset()));
		}
		long reset = ceilSeconds(probe.getNanosToWaitForRefill());
		long block = this.quota.blockInterval().toNanos();
		if (block > 0) {
			state.blockedUntil = now + block;
			return RateLimitOutcome.refused(limit, reset, ceilSeconds(block));
		}
		return RateLimitOutcome.refused(limit, reset, reset);
	}

	/** Clients currently tracked (for tests of the memory bound). */
	long trackedClients() {
		this.clients.cleanUp();
		return this.clients.estimatedSize();
	}

	private Bucket newBucket() {
		long tokens = this.quota.tokens();
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(tokens).refillIntervally(tokens, this.quota.interval()))
			.build();
	}

	private static long ceilSeconds(long nanos) {
		return Math.max(0, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
	}

	/**
	 * One client's bucket and the end of its block ({@code System.nanoTime}, 0 = none).
	 */
	private static final class Client {

		private final Bucket bucket;

		private volatile long blockedUntil;

		Client(Bucket bucket) {
			this.bucket = bucket;
		}

	}

}
