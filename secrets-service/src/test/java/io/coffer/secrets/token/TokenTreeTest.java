package io.coffer.secrets.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parents, children, orphans, accessors and tidy. */
class TokenTreeTest {

	private final TokenFixture fixture = new TokenFixture().policy("web",
			TokenFixture.rule("auth/token/create", "update") + TokenFixture.rule("secret/*", "read"));

	@Test
	void revokingAParentRevokesItsWholeTreeAndAnnouncesEachToken() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		String child = this.fixture.create(parent, Map.of());
		String grandchild = this.fixture.create(child, Map.of());
		String other = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		List<String> accessors = List.of(this.fixture.entry(parent).accessor(), this.fixture.entry(child).accessor(),
				this.fixture.entry(grandchild).accessor());
		assertThat(this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", parent)).isEmpty()).isTrue();
		assertThat(this.fixture.store.lookup(parent)).isEmpty();
		assertThat(this.fixture.store.lookup(child)).isEmpty();
		assertThat(this.fixture.store.lookup(grandchild)).isEmpty();
		assertThat(this.fixture.store.lookup(other)).isPresent();
		assertThat(this.fixture.events).map((event) -> ((TokenRevokedEvent) event).accessor())
			.containsExactlyInAnyOrderElementsOf(accessors);
		// only root's index entry for the unrelated token is left
		assertThat(this.fixture.storage.raw().keySet()).filteredOn((key) -> key.startsWith(TokenStore.PARENT_PREFIX))
			.hasSize(1);
	}

	@Test
	void revokeOrphanKeepsTheChildrenAsOrphans() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		String child = this.fixture.create(parent, Map.of());
		this.fixture.write(this.fixture.rootToken, "revoke-orphan", Map.of("token", parent));
		assertThat(this.fixture.store.lookup(parent)).isEmpty();
		assertThat(this.fixture.entry(child).orphan()).isTrue();
		assertThat(this.fixture.call(child, Operation.READ, "lookup-self", Map.of()).data()).containsEntry("orphan",
				true);
	}

	@Test
	void revokeOrphanAndNoParentNeedSudo() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		this.fixture.policy("revoker", TokenFixture.rule("auth/token/revoke-orphan", "update"));
		String revoker = this.fixture.create(this.fixture.rootToken, Map.of("policies", "revoker"));
		assertThatThrownBy(() -> this.fixture.write(revoker, "revoke-orphan", Map.of("token", parent)))
			.hasMessage("root or sudo privileges required to revoke and orphan");
		assertThatThrownBy(() -> this.fixture.create(parent, Map.of("no_parent", true)))
			.hasMessage("root or sudo privileges required to create orphan token");
	}

	@Test
	void revokeSelfEndsTheCallerAndItsChildren() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		String child = this.fixture.create(parent, Map.of());
		this.fixture.write(parent, "revoke-self", Map.of());
		assertThat(this.fixture.store.lookup(child)).isEmpty();
	}

	@Test
	void createOrphanMakesATokenWithoutParent() {
		String parent = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web"));
		LogicalResponse orphan = this.fixture.write(this.fixture.rootToken, "create-orphan", Map.of("policies", "web"));
		assertThat(orphan.auth()).containsEntry("orphan", true);
		this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", parent));
		assertThat(this.fixture.store.lookup((String) orphan.auth().get("client_token"))).isPresent();
	}

	@Test
	void accessorsLookUpRenewAndRevokeWithoutRevealingTheToken() {
		String token = this.fixture.create(this.fixture.rootToken, Map.of("policies", "web", "ttl", "1h"));
		String accessor = this.fixture.entry(token).accessor();
		assertThat(this.fixture.write(this.fixture.rootToken, "lookup-accessor", Map.of("accessor", accessor)).data())
			.containsEntry("id", "")
			.containsEntry("accessor", accessor);
		this.fixture.clock.advance(Duration.ofMinutes(30));
		assertThat(this.fixture.write(this.fixture.rootToken, "renew-accessor", Map.of("accessor", accessor)).auth())
			.containsEntry("client_token", "")
			.containsEntry("lease_duration", 3600L);
		assertThat(this.fixture.call(this.fixture.rootToken, Operation.LIST, "accessors/", Map.of()).data())
			.extracting((data) -> data.get("keys"))
			.asList()
			.contains(accessor, this.fixture.entry(this.fixture.rootToken).accessor());
		this.fixture.write(this.fixture.rootToken, "revoke-accessor", Map.of("accessor", accessor));
		assertThat(this.fixture.store.lookup(token)).isEmpty();
		assertThatThrownBy(
				() -> this.fixture.write(this.fixture.rootToken, "lookup-accessor", Map.of("accessor", accessor)))
			.hasMessage("invalid accessor");
	}

	@Test
	void listingAccessorsNeedsSudo() {
		this.fixture.policy("lister", TokenFixture.rule("auth/token/accessors/", "list"));
		String lister = this.fixture.create(this.fixture.rootToken, Map.of("policies", "lister"));
		assertThatThrownBy(() -> this.fixture.call(lister, Operation.LIST, "accessors/", Map.of()))
			.hasMessage("permission denied");
		this.fixture.policy("sudoer", TokenFixture.rule("auth/token/accessors/", "list", "sudo"));
		String sudoer = this.fixture.create(this.fixture.rootToken, Map.of("policies", "sudoer"));
		assertThat(this.fixture.call(sudoer, Operation.LIST, "accessors/", Map.of()).data()).containsKey("keys");
	}

	@Test
	void tidyRevokesExpiredTokensAndDropsDanglingIndexes() {
		String expiring = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "1m", "policies", "web"));
		this.fixture.create(expiring, Map.of("ttl", "1h"));
		String keeper = this.fixture.create(this.fixture.rootToken, Map.of("ttl", "1h", "policies", "web"));
		this.fixture.barrier.put(TokenStore.ACCESSOR_PREFIX + "deadbeef",
				io.coffer.secrets.core.Json.write(new TokenStore.AccessorIndex("gone", "acc")));
		this.fixture.clock.advance(Duration.ofMinutes(2));
		LogicalResponse tidy = this.fixture.write(this.fixture.rootToken, "tidy", Map.of());
		assertThat(tidy.warnings()).singleElement().asString().contains("1 expired token(s) revoked");
		assertThat(this.fixture.barrier.list(TokenStore.ID_PREFIX)).hasSize(2);
		assertThat(this.fixture.barrier.list(TokenStore.ACCESSOR_PREFIX)).hasSize(2);
		assertThat(this.fixture.store.lookup(keeper)).isPresent();
		assertThat(this.fixture.registry.get("vault.token.count").gauge().value()).isEqualTo(2);
	}

	@Test
	void revokingAnUnknownTokenIsQuietButRevokeOrphanOfOneIsAnError() {
		assertThat(this.fixture.write(this.fixture.rootToken, "revoke", Map.of("token", "hvs.unknown")).isEmpty())
			.isTrue();
		assertThatThrownBy(
				() -> this.fixture.write(this.fixture.rootToken, "revoke-orphan", Map.of("token", "hvs.unknown")))
			.isInstanceOf(VaultException.class)
			.hasMessage("token to revoke not found");
		assertThatThrownBy(() -> this.fixture.write(this.fixture.rootToken, "revoke", Map.of()))
			.hasMessage("missing token ID");
	}

}
