package io.coffer.gateway.authorize;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.coffer.gateway.cluster.ClusterView;
import io.coffer.gateway.cluster.NodeState;
import io.coffer.gateway.cluster.NodeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowCacheTest {

	private static final URI A = URI.create("http://a");

	private static final URI B = URI.create("http://b");

	private static final byte[] NO_BODY = new byte[0];

	private final MutableClock clock = new MutableClock();

	private final AllowCache cache = new AllowCache(this.clock, Duration.ofSeconds(5), 3);

	@Test
	void keysHashEveryFieldAndNeverHoldTheToken() {
		String key = AllowCache.key("hvs.secret-token", "sys/leases/lookup", "update", "10.0.0.1", null, NO_BODY);
		assertThat(key).doesNotContain("secret").hasSize(43);
		assertThat(AllowCache.key("hvs.secret-token", "sys/leases/lookup", "update", "10.0.0.1", null, NO_BODY))
			.isEqualTo(key);
		assertThat(AllowCache.key("hvs.other", "sys/leases/lookup", "update", "10.0.0.1", null, NO_BODY))
			.isNotEqualTo(key);
		assertThat(AllowCache.key("hvs.secret-token", "sys/leases/lookup", "read", "10.0.0.1", null, NO_BODY))
			.isNotEqualTo(key);
		assertThat(AllowCache.key("hvs.secret-token", "sys/leases/lookup", "update", "10.0.0.2", null, NO_BODY))
			.isNotEqualTo(key);
		assertThat(AllowCache.key("hvs.secret-token", "sys/leases/lookup", "update", "10.0.0.1", null, new byte[1]))
			.isNotEqualTo(key);
		// Field boundaries count: "ab"+"c" is not "a"+"bc".
		assertThat(AllowCache.key("ab", "c", "update", null, null, NO_BODY))
			.isNotEqualTo(AllowCache.key("a", "bc", "update", null, null, NO_BODY));
	}

	@Test
	void anEntryLivesTheCacheTtlButNeverPastTheTokensTtl() {
		this.cache.put("k", "identity", 0, this.cache.generation());
		this.cache.put("short", "identity", 2, this.cache.generation());
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cache.get("k")).contains("identity");
		assertThat(this.cache.get("short")).isEmpty();
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.cache.get("k")).isEmpty();
	}

	@Test
	void anEpochChangeDropsEverything() {
		this.cache.observe(A, "e1");
		this.cache.put("k", "identity", 0, this.cache.generation());
		this.cache.observe(A, "e1");
		assertThat(this.cache.get("k")).isPresent();
		this.cache.observe(A, "e2");
		assertThat(this.cache.get("k")).isEmpty();
	}

	@Test
	void aDecisionTakenBeforeADropIsNotStored() {
		long before = this.cache.generation();
		this.cache.observe(A, "e1");
		this.cache.put("k", "identity", 0, before);
		assertThat(this.cache.get("k")).isEmpty();
	}

	@Test
	void aNewActiveNodeOrEpochFromAProbeDropsEverything() {
		this.cache.observe(view(NodeState.ACTIVE, "e1", NodeState.STANDBY, "f1"));
		this.cache.put("k", "identity", 0, this.cache.generation());
		this.cache.observe(view(NodeState.ACTIVE, "e1", NodeState.STANDBY, "f1"));
		assertThat(this.cache.get("k")).isPresent();
		this.cache.observe(view(NodeState.STANDBY, "e1", NodeState.ACTIVE, "f1"));
		assertThat(this.cache.get("k")).isEmpty();
		this.cache.put("k", "identity", 0, this.cache.generation());
		this.cache.observe(view(NodeState.STANDBY, "e1", NodeState.ACTIVE, "f2"));
		assertThat(this.cache.get("k")).isEmpty();
	}

	@Test
	void theSizeIsBounded() {
		for (int i = 0; i < 10; i++) {
			this.cache.put("k" + i, "identity", 0, this.cache.generation());
			assertThat(this.cache.size()).isLessThanOrEqualTo(3);
		}
		assertThat(this.cache.get("k9")).isPresent();
	}

	@Test
	void aZeroTtlTurnsTheCacheOff() {
		AllowCache off = new AllowCache(this.clock, Duration.ZERO, 100);
		off.put("k", "identity", 0, off.generation());
		assertThat(off.get("k")).isEmpty();
	}

	private static ClusterView view(NodeState a, String epochA, NodeState b, String epochB) {
		return new ClusterView(List.of(new NodeStatus(A, a, epochA), new NodeStatus(B, b, epochB)));
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-06T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
