package io.coffer.secrets.engine.cubbyhole;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-token privacy, KV v1-like operations and destruction on revocation. */
class CubbyholeEngineTest {

	private final CubbyholeFixture fixture = new CubbyholeFixture();

	@Test
	void aTokenReadsBackWhatItWroteWithoutALease() {
		String alice = this.fixture.login("alice", 0);
		assertThat(this.fixture.write(alice, "db/password", Map.of("value", "hunter2")).isEmpty()).isTrue();
		LogicalResponse read = this.fixture.read(alice, "db/password");
		assertThat(read.data()).isEqualTo(Map.of("value", "hunter2"));
		assertThat(read.lease()).isNull();
	}

	@Test
	void anotherTokenEvenRootNeverSeesIt() {
		String alice = this.fixture.login("alice", 0);
		String bob = this.fixture.login("bob", 0);
		this.fixture.write(alice, "note", Map.of("value", "alice's"));
		assertThatThrownBy(() -> this.fixture.read(bob, "note")).isInstanceOfSatisfying(VaultException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(404));
		assertThatThrownBy(() -> this.fixture.read(this.fixture.rootToken, "note"))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(404));
		assertThatThrownBy(() -> this.fixture.call(this.fixture.rootToken, Operation.LIST, "", Map.of()))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(404));
		this.fixture.write(bob, "note", Map.of("value", "bob's"));
		assertThat(this.fixture.read(alice, "note").data()).containsEntry("value", "alice's");
		assertThat(this.fixture.read(bob, "note").data()).containsEntry("value", "bob's");
	}

	@Test
	void storageKeysNameNeitherTheTokenNorItsAccessor() {
		String alice = this.fixture.login("alice", 0);
		this.fixture.write(alice, "note", Map.of("value", "x"));
		String accessor = this.fixture.tokens.lookup(alice).orElseThrow().accessor();
		assertThat(this.fixture.storedKeys()).singleElement()
			.satisfies((key) -> assertThat(key).doesNotContain(alice).doesNotContain(accessor).endsWith("/note"));
	}

	@Test
	void listShowsTheTokensOwnKeysAndFolders() {
		String alice = this.fixture.login("alice", 0);
		this.fixture.write(alice, "a", Map.of("v", 1));
		this.fixture.write(alice, "dir/b", Map.of("v", 2));
		assertThat(this.fixture.call(alice, Operation.LIST, "", Map.of()).data())
			.isEqualTo(Map.of("keys", List.of("a", "dir/")));
		assertThat(this.fixture.call(alice, Operation.LIST, "dir/", Map.of()).data())
			.isEqualTo(Map.of("keys", List.of("b")));
	}

	@Test
	void deleteRemovesTheEntry() {
		String alice = this.fixture.login("alice", 0);
		this.fixture.write(alice, "a", Map.of("v", 1));
		assertThat(this.fixture.call(alice, Operation.DELETE, "a", Map.of()).isEmpty()).isTrue();
		assertThatThrownBy(() -> this.fixture.read(alice, "a")).isInstanceOf(VaultException.class);
		assertThat(this.fixture.storedKeys()).isEmpty();
	}

	@Test
	void aWriteIsCreateOnlyWhenThePathIsAbsentForThisToken() {
		String alice = this.fixture.login("alice", 0);
		String bob = this.fixture.login("bob", 0);
		this.fixture.write(alice, "a", Map.of("v", 1));
		Caller aliceCaller = new Caller(alice, this.fixture.tokens.lookup(alice).orElseThrow());
		Caller bobCaller = new Caller(bob, this.fixture.tokens.lookup(bob).orElseThrow());
		LogicalRequest request = new LogicalRequest(Operation.UPDATE, "a", Map.of("v", 2), CubbyholeEngine.MOUNT, "id");
		assertThat(this.fixture.engine.exists(request, aliceCaller)).isTrue();
		assertThat(this.fixture.engine.exists(request, bobCaller)).isFalse();
	}

	@Test
	void revokingATokenDestroysItsCubbyholeOnly() {
		String alice = this.fixture.login("alice", 0);
		String bob = this.fixture.login("bob", 0);
		this.fixture.write(alice, "a", Map.of("v", 1));
		this.fixture.write(alice, "dir/b", Map.of("v", 2));
		this.fixture.write(bob, "c", Map.of("v", 3));
		this.fixture.revoke("alice");
		assertThat(this.fixture.storedKeys()).singleElement().satisfies((key) -> assertThat(key).endsWith("/c"));
		assertThat(this.fixture.read(bob, "c").data()).containsEntry("v", 3);
	}

	@Test
	void aTokenThatRunsOutOfUsesTakesItsCubbyholeWithIt() {
		String limited = this.fixture.login("carol", 2);
		this.fixture.write(limited, "a", Map.of("v", 1));
		assertThat(this.fixture.storedKeys()).hasSize(1);
		// The last use revokes the token before the request runs; what it writes must
		// not outlive it.
		assertThat(this.fixture.write(limited, "b", Map.of("v", 2)).isEmpty()).isTrue();
		assertThat(this.fixture.storedKeys()).isEmpty();
		assertThatThrownBy(() -> this.fixture.read(limited, "a")).isInstanceOfSatisfying(VaultException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(403));
	}

	@Test
	void pathsThatCouldLeaveTheTokensFolderAreRefused() {
		String alice = this.fixture.login("alice", 0);
		for (String path : List.of("../x", "a/../../b", "a//b", "./a")) {
			assertThatThrownBy(() -> this.fixture.write(alice, path, Map.of("v", 1)))
				.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));
		}
		assertThat(this.fixture.storedKeys()).isEmpty();
	}

	@Test
	void writesNeedDataAndAPath() {
		String alice = this.fixture.login("alice", 0);
		assertThatThrownBy(() -> this.fixture.write(alice, "a", Map.of())).hasMessage("missing data fields");
		assertThatThrownBy(() -> this.fixture.write(alice, "", Map.of("v", 1))).hasMessage("missing path");
		assertThatThrownBy(() -> this.fixture.call(alice, Operation.PATCH, "a", Map.of("v", 1)))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(405));
	}

}
