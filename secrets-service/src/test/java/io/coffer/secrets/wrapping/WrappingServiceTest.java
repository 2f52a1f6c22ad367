package io.coffer.secrets.wrapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.coffer.secrets.engine.cubbyhole.CubbyholeFixture;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrapping, single-use unwrapping, lookup, rewrap and the wrapping token itself. */
class WrappingServiceTest {

	private final CubbyholeFixture fixture = new CubbyholeFixture();

	private final WrappingService wrapping = new WrappingService(this.fixture.tokens, this.fixture.issuer,
			this.fixture.cubbyholes, this.fixture.clock);

	@Test
	void unwrapGivesTheEnvelopeOnceThenTheTokenIsInvalid() {
		WrapInfo info = wrap(envelope("secret/app", Map.of("password", "hunter2")), "secret/app", 300);
		assertThat(this.wrapping.unwrap(info.token())).isEqualTo(envelope("secret/app", Map.of("password", "hunter2")));
		assertInvalid(() -> this.wrapping.unwrap(info.token()));
		assertThat(this.fixture.storedKeys()).isEmpty();
	}

	@Test
	void theWrappingTokenIsASingleUseOrphanWithOnlyTheResponseWrappingPolicy() {
		WrapInfo info = wrap(envelope("secret/app", Map.of()), "secret/app", 300);
		TokenEntry entry = this.fixture.tokens.lookup(info.token()).orElseThrow();
		assertThat(entry.policies()).containsExactly("response-wrapping");
		assertThat(entry.numUses()).isEqualTo(1);
		assertThat(entry.orphan()).isTrue();
		assertThat(entry.renewable()).isFalse();
		assertThat(entry.ttlAt(this.fixture.clock.instant().getEpochSecond())).isEqualTo(300);
		assertThat(entry.accessor()).isEqualTo(info.accessor());
		assertThat(info.toMap()).containsEntry("ttl", 300L)
			.containsEntry("creation_path", "secret/app")
			.containsEntry("creation_time", "2030-01-01T00:00:00Z")
			.doesNotContainKey("wrapped_accessor");
		assertThat(info.toString()).doesNotContain(info.token());
	}

	@Test
	void lookupReportsCreationWithoutSpendingTheToken() {
		WrapInfo info = wrap(envelope("secret/app", Map.of("k", "v")), "secret/app", 120);
		Map<String, Object> expected = Map.of("creation_path", "secret/app", "creation_time", "2030-01-01T00:00:00Z",
				"creation_ttl", 120);
		assertThat(this.wrapping.lookup(info.token())).isEqualTo(expected);
		assertThat(this.wrapping.lookup(info.token())).isEqualTo(expected);
		assertThat(this.wrapping.unwrap(info.token())).containsKey("data");
		assertInvalid(() -> this.wrapping.lookup(info.token()));
	}

	@Test
	void rewrapMovesTheResponseToANewTokenAndInvalidatesTheOld() {
		WrapInfo first = wrap(envelope("secret/app", Map.of("k", "v")), "secret/app", 600);
		this.fixture.clock.advance(Duration.ofSeconds(100));
		WrapInfo second = this.wrapping.rewrap(first.token());
		assertThat(second.token()).isNotEqualTo(first.token());
		assertThat(second.ttl()).isEqualTo(600);
		assertThat(second.creationPath()).isEqualTo("secret/app");
		assertInvalid(() -> this.wrapping.unwrap(first.token()));
		assertInvalid(() -> this.wrapping.rewrap(first.token()));
		assertThat(this.wrapping.lookup(second.token())).containsEntry("creation_path", "secret/app")
			.containsEntry("creation_ttl", 600);
		assertThat(this.wrapping.unwrap(second.token())).isEqualTo(envelope("secret/app", Map.of("k", "v")));
	}

	@Test
	void anExpiredWrappingTokenIsInvalid() {
		WrapInfo info = wrap(envelope("secret/app", Map.of()), "secret/app", 60);
		this.fixture.clock.advance(Duration.ofSeconds(60));
		assertInvalid(() -> this.wrapping.lookup(info.token()));
		assertInvalid(() -> this.wrapping.unwrap(info.token()));
		assertInvalid(() -> this.wrapping.rewrap(info.token()));
	}

	@Test
	void anOrdinaryTokenIsNoWrappingTokenAndKeepsItsUses() {
		String limited = this.fixture.login("alice", 2);
		assertInvalid(() -> this.wrapping.unwrap(limited));
		assertInvalid(() -> this.wrapping.lookup(limited));
		assertInvalid(() -> this.wrapping.unwrap(this.fixture.rootToken));
		assertInvalid(() -> this.wrapping.unwrap(""));
		assertInvalid(() -> this.wrapping.unwrap(null));
		assertThat(this.fixture.tokens.lookup(limited).orElseThrow().numUses()).isEqualTo(2);
	}

	@Test
	void ofConcurrentUnwrapsExactlyOneGetsTheResponse() throws Exception {
		WrapInfo info = wrap(envelope("secret/app", Map.of("k", "v")), "secret/app", 300);
		int racers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(racers);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			Callable<Boolean> unwrap = () -> {
				start.await();
				try {
					return this.wrapping.unwrap(info.token()).containsKey("data");
				}
				catch (VaultException ex) {
					return false;
				}
			};
			for (int i = 0; i < racers; i++) {
				results.add(pool.submit(unwrap));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> result : results) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theAccessorOfAWrappedTokenIsReported() {
		Map<String, Object> login = envelope("auth/approle/login", null);
		login.put("auth", Map.of("client_token", "hvs.x", "accessor", "acc123"));
		assertThat(wrap(login, "auth/approle/login", 60).toMap()).containsEntry("wrapped_accessor", "acc123");
		Map<String, Object> secretId = envelope("auth/approle/role/r/secret-id",
				Map.of("secret_id", "s", "secret_id_accessor", "sid-acc"));
		secretId.put("mount_type", "approle");
		assertThat(wrap(secretId, "auth/approle/role/r/secret-id", 60).wrappedAccessor()).isEqualTo("sid-acc");
	}

	@Test
	void aSubSecondWrapTtlStillExpires() {
		assertThat(new WrapRequest("p", "p/", Duration.ofMillis(500)).ttlSeconds()).isEqualTo(1);
		assertThat(new WrapRequest("p", "p/", Duration.ofMillis(1500)).ttlSeconds()).isEqualTo(2);
		assertThat(new WrapRequest("p", "p/", Duration.ofSeconds(90)).ttlSeconds()).isEqualTo(90);
	}

	private WrapInfo wrap(Map<String, Object> envelope, String path, long ttlSeconds) {
		return this.wrapping.wrap(envelope, new WrapRequest(path, path, Duration.ofSeconds(ttlSeconds)));
	}

	private static Map<String, Object> envelope(String requestId, Map<String, Object> data) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("request_id", requestId);
		envelope.put("lease_id", "");
		envelope.put("renewable", false);
		envelope.put("lease_duration", 0);
		envelope.put("data", data);
		envelope.put("wrap_info", null);
		envelope.put("warnings", null);
		envelope.put("auth", null);
		envelope.put("mount_type", "kv");
		return envelope;
	}

	private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatThrownBy(call).isInstanceOfSatisfying(VaultException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(400);
			assertThat(ex.errors()).containsExactly("wrapping token is not valid or does not exist");
		});
	}

}
