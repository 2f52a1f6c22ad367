package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;

class KvV1EngineTest {

	private final KvFixture kv = KvFixture.v1();

	@Test
	void writeIs204AndReadReturnsTheStoredMapWithTheSystemDefaultTtl() {
		LogicalResponse written = this.kv.call(Operation.UPDATE, "app", Map.of("user", "alice", "port", 5432));

		LogicalResponse read = this.kv.call(Operation.READ, "app");

		assertThat(written.isEmpty()).isTrue();
		assertThat(read.status()).isZero();
		assertThat(read.data()).isEqualTo(Map.of("user", "alice", "port", 5432));
		assertThat(read.lease()).isEqualTo(new LogicalResponse.Lease("", 2_764_800, false));
	}

	@Test
	void leaseDurationFollowsTheMountDefaultTtl() {
		KvFixture tuned = KvFixture.v1(new MountEntry.MountConfig(3600, 0, false));
		tuned.call(Operation.UPDATE, "app", Map.of("a", "b"));

		assertThat(tuned.call(Operation.READ, "app").lease().durationSeconds()).isEqualTo(3600);
	}

	@Test
	void ttlKeyInTheDataSetsTheLeaseDuration() {
		this.kv.call(Operation.UPDATE, "string", Map.of("a", "b", "ttl", "1h30m"));
		this.kv.call(Operation.UPDATE, "number", Map.of("a", "b", "ttl", 90));
		this.kv.call(Operation.UPDATE, "garbage", Map.of("a", "b", "ttl", "soon"));

		assertThat(this.kv.call(Operation.READ, "string").lease().durationSeconds()).isEqualTo(5400);
		assertThat(this.kv.call(Operation.READ, "number").lease().durationSeconds()).isEqualTo(90);
		assertThat(this.kv.call(Operation.READ, "garbage").lease().durationSeconds()).isEqualTo(2_764_800);
		assertThat(this.kv.call(Operation.READ, "string").data()).containsEntry("ttl", "1h30m");
	}

	@Test
	void ttlIsCappedByTheMountMaximum() {
		KvFixture capped = KvFixture.v1(new MountEntry.MountConfig(60, 120, false));
		capped.call(Operation.UPDATE, "app", Map.of("ttl", "1h"));

		assertThat(capped.call(Operation.READ, "app").lease().durationSeconds()).isEqualTo(120);
	}

	@Test
	void writeReplacesTheWholeEntry() {
		this.kv.call(Operation.UPDATE, "app", Map.of("a", "1", "b", "2"));
		this.kv.call(Operation.CREATE, "app", Map.of("c", "3"));

		assertThat(this.kv.call(Operation.READ, "app").data()).isEqualTo(Map.of("c", "3"));
	}

	@Test
	void deleteIs204AndTheEntryIsGone() {
		this.kv.call(Operation.UPDATE, "app", Map.of("a", "1"));

		assertThat(this.kv.call(Operation.DELETE, "app").isEmpty()).isTrue();
		VaultException read = this.kv.failure(Operation.READ, "app", Map.of());
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.errors()).isEmpty();
		assertThat(this.kv.call(Operation.DELETE, "app").isEmpty()).isTrue();
	}

	@Test
	void listShowsKeysAndFolders() {
		this.kv.call(Operation.UPDATE, "folder/a", Map.of("v", "1"));
		this.kv.call(Operation.UPDATE, "folder/sub/b", Map.of("v", "1"));
		this.kv.call(Operation.UPDATE, "myapp,dev", Map.of("v", "1"));

		assertThat(this.kv.call(Operation.LIST, "").data()).isEqualTo(Map.of("keys", List.of("folder/", "myapp,dev")));
		assertThat(this.kv.call(Operation.LIST, "folder/").data()).isEqualTo(Map.of("keys", List.of("a", "sub/")));
	}

	@Test
	void emptyListIs404WithNoErrors() {
		VaultException failure = this.kv.failure(Operation.LIST, "nothing/", Map.of());

		assertThat(failure.status()).isEqualTo(404);
		assertThat(failure.errors()).isEmpty();
	}

	@Test
	void pathsWithCommasAndDotSegmentsAreOrdinaryKeys() {
		this.kv.call(Operation.UPDATE, "myapp,dev", Map.of("profile", "dev"));
		this.kv.call(Operation.UPDATE, "a/../b", Map.of("dots", "kept"));

		assertThat(this.kv.call(Operation.READ, "myapp,dev").data()).containsEntry("profile", "dev");
		assertThat(this.kv.call(Operation.READ, "a/../b").data()).containsEntry("dots", "kept");
		assertThat(this.kv.failure(Operation.READ, "b", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void emptyWritesAndBarePathsAreRejected() {
		VaultException empty = this.kv.failure(Operation.UPDATE, "app", Map.of());
		VaultException noPath = this.kv.failure(Operation.UPDATE, "", Map.of("a", "b"));

		assertThat(empty.errors()).containsExactly("missing data fields");
		assertThat(noPath.errors()).containsExactly("missing path");
		assertThat(this.kv.failure(Operation.READ, "app", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void patchIsUnsupported() {
		this.kv.call(Operation.UPDATE, "app", Map.of("a", "1"));

		assertThat(this.kv.failure(Operation.PATCH, "app", Map.of("a", "2")).status()).isEqualTo(405);
	}

	@Test
	void existsReflectsStoredEntries() {
		assertThat(this.kv.exists("app")).isFalse();
		this.kv.call(Operation.UPDATE, "app", Map.of("a", "1"));
		assertThat(this.kv.exists("app")).isTrue();
	}

}
