package io.coffer.secrets.engine.kv;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static io.coffer.secrets.engine.kv.KvFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class KvV2PatchTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void patchMergesIntoTheCurrentVersionAsANewVersion() {
		this.kv.put("app", Map.of("user", "alice", "db", Map.of("host", "h1", "port", 5432), "old", "x"));

		LogicalResponse response = this.kv.call(Operation.PATCH, "data/app",
				Map.of("data", mapOf("user", "bob", "db", mapOf("port", 6543, "tls", true), "old", null)));

		assertThat(response.data()).containsEntry("version", 2L).containsEntry("deletion_time", "");
		Map<String, Object> read = map(this.kv.call(Operation.READ, "data/app").data().get("data"));
		assertThat(read).containsOnlyKeys("user", "db").containsEntry("user", "bob");
		assertThat(map(read.get("db"))).containsEntry("host", "h1")
			.containsEntry("port", 6543)
			.containsEntry("tls", true);
		assertThat(map(this.kv.call(Operation.READ, "data/app", Map.of("version", "1")).data().get("data")))
			.containsEntry("old", "x");
	}

	@Test
	void patchOfAMissingKeyIs404() {
		VaultException failure = this.kv.failure(Operation.PATCH, "data/none", Map.of("data", Map.of("a", "b")));

		assertThat(failure.status()).isEqualTo(404);
		assertThat(failure.errors()).isEmpty();
	}

	@Test
	void patchOfADeletedSecretIs404WithItsMetadata() {
		this.kv.put("app", Map.of("a", "b"));
		this.kv.call(Operation.DELETE, "data/app");

		LogicalResponse response = this.kv.call(Operation.PATCH, "data/app", Map.of("data", Map.of("a", "c")));

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.data()).containsEntry("version", 1L).containsEntry("destroyed", false);
		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data())).containsEntry("current_version", 1L);
	}

	@Test
	void patchHonoursCheckAndSet() {
		this.kv.put("app", Map.of("a", "b"));

		VaultException stale = this.kv.failure(Operation.PATCH, "data/app",
				Map.of("data", Map.of("a", "c"), "options", Map.of("cas", 0)));
		LogicalResponse ok = this.kv.call(Operation.PATCH, "data/app",
				Map.of("data", Map.of("a", "c"), "options", Map.of("cas", 1)));

		assertThat(stale.errors()).containsExactly("check-and-set parameter did not match the current version");
		assertThat(ok.data()).containsEntry("version", 2L);
	}

	@Test
	void patchWithoutDataOrWithNonObjectDataIsRejected() {
		this.kv.put("app", Map.of("a", "b"));

		VaultException missing = this.kv.failure(Operation.PATCH, "data/app", Map.of());
		VaultException scalar = this.kv.failure(Operation.PATCH, "data/app", Map.of("data", 42));

		assertThat(missing.errors()).containsExactly("no data provided");
		assertThat(scalar.status()).isEqualTo(400);
		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data())).containsEntry("current_version", 1L);
	}

}
