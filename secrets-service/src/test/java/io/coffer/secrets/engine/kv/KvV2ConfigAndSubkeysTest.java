package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static io.coffer.secrets.engine.kv.KvFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class KvV2ConfigAndSubkeysTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void configStartsAtVaultsDefaults() {
		assertThat(this.kv.call(Operation.READ, "config").data())
			.isEqualTo(Map.of("cas_required", false, "delete_version_after", "0s", "max_versions", 0));
	}

	@Test
	void configWriteChangesOnlyTheGivenFields() {
		LogicalResponse first = this.kv.call(Operation.UPDATE, "config",
				Map.of("max_versions", "4", "delete_version_after", 12319));
		this.kv.call(Operation.CREATE, "config", Map.of("cas_required", true));

		assertThat(first.isEmpty()).isTrue();
		assertThat(this.kv.call(Operation.READ, "config").data())
			.isEqualTo(Map.of("cas_required", true, "delete_version_after", "3h25m19s", "max_versions", 4));
	}

	@Test
	void zeroDeleteVersionAfterClearsTheMountSetting() {
		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", "1h"));

		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", "0s"));

		assertThat(this.kv.call(Operation.READ, "config").data()).containsEntry("delete_version_after", "0s");
		assertThat(this.kv.put("app", Map.of("v", "1"))).containsEntry("deletion_time", "");
	}

	@Test
	void badConfigValuesAreRejectedAndChangeNothing() {
		assertThat(this.kv.failure(Operation.UPDATE, "config", Map.of("max_versions", "ten")).status()).isEqualTo(400);
		assertThat(this.kv.failure(Operation.UPDATE, "config", Map.of("delete_version_after", "1.5 hours")).status())
			.isEqualTo(400);
		assertThat(this.kv.call(Operation.READ, "config").data()).containsEntry("max_versions", 0);
	}

	@Test
	void configRejectsOtherVerbs() {
		assertThat(this.kv.failure(Operation.DELETE, "config", Map.of()).status()).isEqualTo(405);
		assertThat(this.kv.failure(Operation.LIST, "config", Map.of()).status()).isEqualTo(405);
	}

	@Test
	void subkeysReplaceEveryLeafWithNull() {
		this.kv.put("app", mapOf("foo", "abc", "bar", mapOf("baz", "def", "deep", mapOf("x", 1)), "quux", Map.of(),
				"list", List.of(1, 2)));

		LogicalResponse response = this.kv.call(Operation.READ, "subkeys/app");

		assertThat(response.data()).containsOnlyKeys("subkeys", "metadata");
		assertThat(map(response.data().get("subkeys"))).isEqualTo(
				mapOf("foo", null, "bar", mapOf("baz", null, "deep", mapOf("x", null)), "quux", null, "list", null));
		assertThat(map(response.data().get("metadata"))).containsEntry("version", 1L);
	}

	@Test
	void subkeysDepthCutsTheTreeWithoutLeakingValues() {
		this.kv.put("app", mapOf("foo", "abc", "bar", mapOf("baz", "def", "deep", mapOf("x", 1))));

		Map<String, Object> depthOne = map(
				this.kv.call(Operation.READ, "subkeys/app", Map.of("depth", "1")).data().get("subkeys"));
		Map<String, Object> depthTwo = map(
				this.kv.call(Operation.READ, "subkeys/app", Map.of("depth", "2")).data().get("subkeys"));

		assertThat(depthOne).isEqualTo(mapOf("foo", null, "bar", null));
		assertThat(depthTwo).isEqualTo(mapOf("foo", null, "bar", mapOf("baz", null, "deep", null)));
	}

	@Test
	void subkeysOfADeletedVersionIs404WithMetadata() {
		this.kv.put("app", Map.of("a", "b"));
		this.kv.put("app", Map.of("a", "c"));
		this.kv.call(Operation.DELETE, "data/app");

		LogicalResponse deleted = this.kv.call(Operation.READ, "subkeys/app");
		LogicalResponse older = this.kv.call(Operation.READ, "subkeys/app", Map.of("version", "1"));

		assertThat(deleted.status()).isEqualTo(404);
		assertThat(deleted.data()).containsEntry("subkeys", null);
		assertThat(map(deleted.data().get("metadata"))).containsEntry("version", 2L);
		assertThat(older.status()).isZero();
	}

	@Test
	void subkeysRejectsBadDepthAndOtherVerbs() {
		this.kv.put("app", Map.of("a", "b"));

		VaultException negative = this.kv.failure(Operation.READ, "subkeys/app", Map.of("depth", "-1"));
		VaultException text = this.kv.failure(Operation.READ, "subkeys/app", Map.of("depth", "deep"));

		assertThat(negative.status()).isEqualTo(400);
		assertThat(text.status()).isEqualTo(400);
		assertThat(this.kv.failure(Operation.UPDATE, "subkeys/app", Map.of()).status()).isEqualTo(405);
		assertThat(this.kv.failure(Operation.READ, "subkeys/none", Map.of()).errors()).isEmpty();
	}

}
