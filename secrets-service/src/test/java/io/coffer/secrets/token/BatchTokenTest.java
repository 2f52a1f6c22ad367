package io.coffer.secrets.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.testsupport.time.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batch tokens ({@code hvb.}): sealed, never stored, not renewable or revocable, no
 * children, ended by their TTL or their parent, readable by every node of the cluster.
 */
class BatchTokenTest {

	private final TokenFixture fixture = new TokenFixture().policy("maker",
			TokenFixture.rule("auth/token/create*", "create", "update") + TokenFixture.rule("secret/*", "read"));

	@Test
	void aBatchTokenCarriesItsEntryAndWritesNothing() {
		Map<String, byte[]> before = new HashMap<>(this.fixture.storage.raw());
		LogicalResponse created = this.fixture.write(this.fixture.rootToken, "create", Map.of("type", "batch",
				"policies", List.of("maker"), "ttl", "1h", "meta", Map.of("team", "x"), "display_name", "ci"));
		Map<String, Object> auth = created.auth();
		String token = (String) auth.get("client_token");
		assertThat(token).startsWith("hvb.");
		assertThat(auth).containsEntry("token_type", "batch")
			.containsEntry("accessor", "")
			.containsEntry("renewable", false)
			.containsEntry("orphan", false)
			.containsEntry("lease_duration", 3600L)
			.containsEntry("policies", List.of("default", "maker"));
		assertThat(this.fixture.storage.raw()).containsOnlyKeys(before.keySet());

		this.fixture.clock.advance(Duration.ofMinutes(10));
		Map<String, Object> self = this.fixture.call(token, Operation.READ, "lookup-self", Map.of()).data();
		assertThat(self).containsEntry("type", "batch")
			.containsEntry("id", token)
			.containsEntry("accessor", "")
			.containsEntry("renewable", false)
			.containsEntry("orphan", false)
			.containsEntry("ttl", 3000L)
			.containsEntry("creation_ttl", 3600L)
			.containsEntry("display_name", "token-ci")
			.containsEntry("meta", Map.of("team", "x"))
			.containsEntry("num_uses", 0)
			.containsEntry("path", "auth/token/create")
			.containsEntry("expire_time", "2030-01-01T01:00:00Z");
		assertThat(this.fixture.write(this.fixture.rootToken, "lookup", Map.of("token", token)).data())
			.containsEntry("type", "batch");
		assertThat(this.fixture.storage.raw()).containsOnlyKeys(before.keySet());
	}

	@Test
	void aBatchTokenIsNeitherRenewedNorRevokedNorAParent() {
		String token = batch(this.fixture.rootToken, Map.of("policies", List.of("maker")));
		assertRefused(() -> this.fixture.write(token, "renew-self", Map.of()), 400, "batch tokens cannot be renewed");
		assertRefused(() -> this.fixture.write(this.fixture.rootToken, "renew", Map.of("token", token)), 400,
				"batch tokens cannot be renewed");
		assertRefused(() -> this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", token)), 400,
				"batch tokens cannot be revoked");
		assertRefused(() -> this.fixture.write(this.fixture.rootToken, "revoke-orphan", Map.of("token", token)), 400,
				"batch tokens cannot be revoked");
		assertRefused(() -> this.fixture.write(token, "revoke-self", Map.of()), 400, "batch tokens cannot be revoked");
		assertRefused(() -> this.fixture.write(token, "create", Map.of("policies", List.of("maker"))), 400,
				"batch tokens cannot create more tokens");
		assertThat(this.fixture.store.use(token)).isPresent();
	}

	@Test
	void whatABatchTokenCannotHaveIsRefusedAndNothingIsCreated() {
		Map<String, byte[]> before = new HashMap<>(this.fixture.storage.raw());
		String root = this.fixture.rootToken;
		assertRefused(() -> batch(root, Map.of("policies", List.of("maker"), "num_uses", 3)), 400,
				"batch tokens cannot have \"num_uses\" set");
		assertRefused(() -> batch(root, Map.of("policies", List.of("maker"), "period", "1h")), 400,
				"batch tokens cannot have \"period\" set");
		assertRefused(() -> batch(root, Map.of("policies", List.of("maker"), "explicit_max_ttl", "2h")), 400,
				"batch tokens cannot have \"explicit_max_ttl\" set");
		assertRefused(() -> batch(root, Map.of()), 400, "batch tokens cannot be root tokens");
		assertRefused(() -> batch(root, Map.of("policies", List.of("maker"), "id", "chosen")), 400,
				"batch tokens cannot have a custom ID");
		assertRefused(() -> this.fixture.write(root, "create", Map.of("type", "bulk")), 400,
				"invalid 'token_type' value");
		assertThat(this.fixture.storage.raw()).containsOnlyKeys(before.keySet());
	}

	@Test
	void anExpiredChangedOrForeignBatchTokenIsRefused() {
		String token = batch(this.fixture.rootToken, Map.of("policies", List.of("maker"), "ttl", "1h"));
		int middle = token.length() / 2;
		char flipped = (token.charAt(middle) == 'A') ? 'B' : 'A';
		String changed = token.substring(0, middle) + flipped + token.substring(middle + 1);
		assertThat(this.fixture.store.use(changed)).isEmpty();
		assertThat(this.fixture.store.use(token.substring(0, token.length() - 4))).isEmpty();
		assertThat(this.fixture.store.use("hvb.not*base64")).isEmpty();
		TokenFixture otherCluster = new TokenFixture();
		String foreign = (String) otherCluster
			.write(otherCluster.rootToken, "create", Map.of("type", "batch", "ttl", "1h", "policies", List.of("x")))
			.auth()
			.get("client_token");
		assertThat(this.fixture.store.use(foreign)).isEmpty();

		this.fixture.clock.advance(Duration.ofMinutes(59).plusSeconds(59));
		assertThat(this.fixture.store.use(token)).isPresent();
		this.fixture.clock.advance(Duration.ofSeconds(1));
		assertThat(this.fixture.store.use(token)).isEmpty();
		assertRefused(() -> this.fixture.call(token, Operation.READ, "lookup-self", Map.of()), 403,
				"permission denied");
	}

	@Test
	void revokingTheParentEndsItsBatchTokensButNotItsOrphanOnes() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", List.of("maker")));
		String child = batch(parent, Map.of());
		String orphan = (String) this.fixture
			.write(parent, "create-orphan", Map.of("type", "batch", "policies", List.of("maker")))
			.auth()
			.get("client_token");
		assertThat(this.fixture.entry(child).orphan()).isFalse();
		assertThat(this.fixture.entry(orphan).orphan()).isTrue();
		this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", parent));
		assertThat(this.fixture.store.use(child)).isEmpty();
		assertThat(this.fixture.store.use(orphan)).isPresent();
	}

	@Test
	void aRoleDecidesTheTokenTypeWithinVaultsRules() {
		String root = this.fixture.rootToken;
		assertRefused(() -> this.fixture.write(root, "roles/bulk", Map.of("token_type", "batch")), 400,
				"'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
		assertRefused(() -> this.fixture.write(root, "roles/bulk", Map.of("token_type", "batch", "orphan", true)), 400,
				"'token_type' cannot be 'batch' when role is set to generate renewable tokens");
		assertRefused(() -> this.fixture.write(root, "roles/bulk", Map.of("token_type", "bulk")), 400,
				"invalid 'token_type' value \"bulk\"");
		this.fixture.write(root, "roles/bulk",
				Map.of("token_type", "batch", "orphan", true, "renewable", false, "allowed_policies", "maker"));
		assertThat(this.fixture.call(root, Operation.READ, "roles/bulk", Map.of()).data()).containsEntry("token_type",
				"batch");
		Map<String, Object> fixed = this.fixture.write(root, "create/bulk", Map.of("type", "service")).auth();
		assertThat((String) fixed.get("client_token")).startsWith("hvb.");
		assertThat(fixed).containsEntry("orphan", true).containsEntry("policies", List.of("default", "maker"));
		assertThat(this.fixture.entry((String) fixed.get("client_token")).role()).isEqualTo("bulk");

		this.fixture.write(root, "roles/either", Map.of("token_type", "default-batch", "allowed_policies", "maker"));
		assertThat((String) this.fixture.write(root, "create/either", Map.of()).auth().get("client_token"))
			.startsWith("hvb.");
		assertThat((String) this.fixture.write(root, "create/either", Map.of("type", "service"))
			.auth()
			.get("client_token")).startsWith("hvs.");
		this.fixture.write(root, "roles/plain", Map.of("allowed_policies", "maker"));
		assertThat(this.fixture.call(root, Operation.READ, "roles/plain", Map.of()).data()).containsEntry("token_type",
				"default-service");
	}

	@Test
	void anotherNodeOfTheClusterAcceptsABatchTokenAlsoAfterAKeyRotation() {
		InMemoryStorage storage = new InMemoryStorage();
		TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
		byte[] rootKey = new byte[AesGcm.KEY_BYTES];
		new SecureRandom().nextBytes(rootKey);
		Barrier first = new Barrier(storage, new SecureRandom(), clock);
		first.initialize(rootKey);
		first.unseal(rootKey);
		TokenStore active = new TokenStore(first, new SecureRandom(), clock);
		first.write(active.prepareRoot().ops());
		Barrier second = new Barrier(storage, new SecureRandom(), clock);
		second.unseal(rootKey);
		TokenStore standby = new TokenStore(second, new SecureRandom(), clock);

		String token = active.create(draft(clock), null).token();
		assertThat(standby.use(token)).map(TokenEntry::policies).contains(List.of("default", "maker"));
		first.rotate();
		second.reload();
		assertThat(active.use(token)).isPresent();
		assertThat(standby.use(token)).isPresent();
		String afterRotation = active.create(draft(clock), null).token();
		assertThat(standby.use(afterRotation)).isPresent();
	}

	private static TokenEntry draft(TestClock clock) {
		long now = clock.instant().getEpochSecond();
		return new TokenEntry("", List.of("default", "maker"), "auth/token/create", "token", now, 600, 0, true,
				Map.of(), "", now + 600, 0, 0, 0, 600, false, "", List.of(), true);
	}

	private String batch(String parent, Map<String, Object> data) {
		Map<String, Object> request = new HashMap<>(data);
		request.put("type", "batch");
		return (String) this.fixture.write(parent, "create", request).auth().get("client_token");
	}

	private static void assertRefused(Runnable call, int status, String message) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(VaultException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(status);
			assertThat(ex.errors()).containsExactly(message);
		});
	}

}
