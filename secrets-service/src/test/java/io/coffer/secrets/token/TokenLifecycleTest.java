package io.coffer.secrets.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creation, TTLs, renewal and use counts of service tokens. */
class TokenLifecycleTest {

	private final TokenFixture fixture = new TokenFixture();

	@Test
	void createdTokenIsALongServiceTokenWithDefaultAddedAndSortedPolicies() {
		LogicalResponse response = this.fixture.write(this.fixture.rootToken, "create", Map.of("policies",
				List.of("Web", "api"), "ttl", "1h", "meta", Map.of("team", "x"), "display_name", "ci job"));
		Map<String, Object> auth = response.auth();
		assertThat(response.data()).isNull();
		assertThat((String) auth.get("client_token")).startsWith("hvs.").hasSizeGreaterThan(90);
		assertThat(auth).containsEntry("policies", List.of("api", "default", "web"))
			.containsEntry("token_policies", List.of("api", "default", "web"))
			.containsEntry("lease_duration", 3600L)
			.containsEntry("renewable", true)
			.containsEntry("orphan", false)
			.containsEntry("token_type", "service")
			.containsEntry("entity_id", "")
			.containsEntry("metadata", Map.of("team", "x"))
			.containsEntry("num_uses", 0)
			.containsKey("mfa_requirement");
		TokenEntry entry = this.fixture.entry((String) auth.get("client_token"));
		assertThat(entry.displayName()).isEqualTo("token-ci-job");
		assertThat(entry.accessor()).isEqualTo(auth.get("accessor")).hasSize(24);
	}

	@Test
	void tokensAreStoredOnlyAsKeyedHashes() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("policies", List.of("web")));
		String accessor = this.fixture.entry(token).accessor();
		this.fixture.storage.raw().forEach((key, value) -> {
			assertThat(key).doesNotContain(token).doesNotContain(accessor);
			assertThat(new String(value, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
		});
	}

	@Test
	void anExpiredTokenIsRefusedTheMomentItExpires() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "1h", "policies", List.of("web")));
		this.fixture.clock.advance(Duration.ofMinutes(59).plusSeconds(59));
		assertThat(this.fixture.store.use(token)).isPresent();
		this.fixture.clock.advance(Duration.ofSeconds(1));
		assertThat(this.fixture.store.use(token)).isEmpty();
		assertThat(this.fixture.store.lookup(token)).isEmpty();
		assertThatThrownBy(() -> this.fixture.call(token, Operation.READ, "lookup-self", Map.of()))
			.isInstanceOf(VaultException.class)
			.hasMessage("permission denied");
	}

	@Test
	void childrenStopWorkingWhenTheirParentExpires() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "1h"));
		String child = this.fixture.create(parent, Map.of("ttl", "5h"));
		this.fixture.clock.advance(Duration.ofHours(1));
		assertThat(this.fixture.store.lookup(child)).isEmpty();
	}

	@Test
	void defaultTtlIsTheSystemDefaultAndRequestsAreCappedAtTheSystemMaximum() {
		LogicalResponse plain = this.fixture.write(this.fixture.rootToken, "create", Map.of("policies", "web"));
		assertThat(plain.auth()).containsEntry("lease_duration", 2_764_800L);
		LogicalResponse huge = this.fixture.write(this.fixture.rootToken, "create",
				Map.of("policies", "web", "ttl", "1000h"));
		assertThat(huge.auth()).containsEntry("lease_duration", 2_764_800L);
		assertThat(huge.warnings()).anyMatch((warning) -> warning.contains("capped"));
	}

	@Test
	void periodicTokensRenewToTheirPeriodAgainAndAgain() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("period", "1h", "policies", "web"));
		for (int i = 0; i < 30; i++) {
			this.fixture.clock.advance(Duration.ofMinutes(50));
			LogicalResponse renewed = this.fixture.write(token, "renew-self", Map.of("increment", "5h"));
			assertThat(renewed.auth()).containsEntry("lease_duration", 3600L).containsEntry("client_token", token);
		}
		assertThat(this.fixture.call(token, Operation.READ, "lookup-self", Map.of()).data())
			.containsEntry("period", 3600L)
			.containsEntry("ttl", 3600L)
			.containsKey("last_renewal_time");
		this.fixture.clock.advance(Duration.ofHours(1));
		assertThat(this.fixture.store.lookup(token)).isEmpty();
	}

	@Test
	void renewalNeverPassesTheExplicitMaxTtl() {
		String token = this.fixture.create(this.fixture.rootToken,
				Map.of("ttl", "1h", "explicit_max_ttl", "90m", "policies", "web"));
		this.fixture.clock.advance(Duration.ofMinutes(50));
		LogicalResponse renewed = this.fixture.write(this.fixture.rootToken, "renew",
				Map.of("token", token, "increment", 3600));
		assertThat(renewed.auth()).containsEntry("lease_duration", 2400L);
		assertThat(renewed.warnings()).isNotEmpty();
		this.fixture.clock.advance(Duration.ofMinutes(40));
		assertThat(this.fixture.store.lookup(token)).isEmpty();
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "renew", Map.of("token", token)))
			.hasMessage("token not found");
	}

	@Test
	void renewWithoutIncrementRestoresTheOriginalTtl() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "30m", "policies", "web"));
		this.fixture.clock.advance(Duration.ofMinutes(20));
		assertThat(this.fixture.write(this.fixture.rootToken, "renew", Map.of("token", token)).auth())
			.containsEntry("lease_duration", 1800L);
	}

	@Test
	void nonRenewableAndRootTokensCannotBeRenewed() {
		String fixed = this.fixture.create(this.fixture.rootToken, Map.of("renewable", false, "policies", "web"));
		assertThatThrownBy(() -> this.fixture.write(fixed, "renew-self", Map.of()))
			.hasMessage("lease is not renewable");
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "renew-self", Map.of()))
			.hasMessage("lease is not renewable");
	}

	@Test
	void theLastUseSucceedsAndTheNextRequestIsRefused() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("num_uses", 3, "policies", "web"));
		assertThat(this.fixture.call(token, Operation.READ, "lookup-self", Map.of()).data()).containsEntry("num_uses",
				2);
		assertThat(this.fixture.call(token, Operation.READ, "lookup-self", Map.of()).data()).containsEntry("num_uses",
				1);
		assertThat(this.fixture.call(token, Operation.READ, "lookup-self", Map.of()).data()).containsKey("accessor");
		assertThatThrownBy(() -> this.fixture.call(token, Operation.READ, "lookup-self", Map.of()))
			.isInstanceOf(VaultException.class)
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(403);
		assertThat(this.fixture.events).hasSize(1);
	}

	@Test
	void concurrentRequestsNeverTakeMoreUsesThanGranted() throws Exception {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("num_uses", 5, "policies", "web"));
		java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 40; i++) {
				executor.submit(() -> this.fixture.store.use(token).ifPresent((entry) -> granted.incrementAndGet()));
			}
		}
		assertThat(granted).hasValue(5);
	}

	@Test
	void aUseLimitedTokenCannotCreateChildren() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("num_uses", 5));
		assertThatThrownBy(() -> this.fixture.create(token, Map.of()))
			.hasMessage("restricted use token cannot generate child tokens");
	}

	@Test
	void rootChildrenWithoutTtlAreRootTokensThatNeverExpire() {
		LogicalResponse response = this.fixture.write(this.fixture.rootToken, "create", Map.of());
		assertThat(response.auth()).containsEntry("policies", List.of("root"))
			.containsEntry("lease_duration", 0L)
			.containsEntry("renewable", false);
	}

	@Test
	void lookupShowsVaultsFieldsAndUnknownTokensAreBadTokens() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "1h", "policies", "web"));
		this.fixture.clock.advance(Duration.ofMinutes(10));
		Map<String, Object> data = this.fixture.write(this.fixture.rootToken, "lookup", Map.of("token", token)).data();
		assertThat(data).containsEntry("id", token)
			.containsEntry("ttl", 3000L)
			.containsEntry("creation_ttl", 3600L)
			.containsEntry("path", "auth/token/create")
			.containsEntry("type", "service")
			.containsEntry("orphan", false)
			.containsEntry("expire_time", "2030-01-01T01:00:00Z")
			.containsKeys("accessor", "creation_time", "display_name", "entity_id", "explicit_max_ttl", "issue_time",
					"meta", "num_uses", "policies", "renewable");
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "lookup", Map.of("token", "hvs.nope")))
			.isInstanceOf(VaultException.class)
			.hasMessage("bad token")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(403);
	}

}
