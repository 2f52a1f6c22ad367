package io.coffer.secrets.engine.kv;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static io.coffer.secrets.engine.kv.KvFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class KvV2MetadataPathsTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void readReportsEveryFieldVaultReports() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.clock.advance(Duration.ofSeconds(10));
		this.kv.put("app", Map.of("v", "two"));
		this.kv.call(Operation.DELETE, "data/app");

		Map<String, Object> data = this.kv.call(Operation.READ, "metadata/app").data();

		assertThat(data).containsOnlyKeys("cas_required", "created_time", "current_version", "custom_metadata",
				"delete_version_after", "max_versions", "oldest_version", "updated_time", "versions");
		assertThat(data).containsEntry("cas_required", false)
			.containsEntry("created_time", "2026-11-28T01:02:03.123456789Z")
			.containsEntry("current_version", 2L)
			.containsEntry("custom_metadata", null)
			.containsEntry("delete_version_after", "0s")
			.containsEntry("max_versions", 0)
			.containsEntry("oldest_version", 0L)
			.containsEntry("updated_time", "2026-11-28T01:02:13.123456789Z");
		Map<String, Object> versions = map(data.get("versions"));
		assertThat(versions).containsOnlyKeys("1", "2");
		assertThat(map(versions.get("1"))).isEqualTo(
				mapOf("created_time", "2026-11-28T01:02:03.123456789Z", "deletion_time", "", "destroyed", false));
		assertThat(map(versions.get("2"))).containsEntry("deletion_time", "2026-11-28T01:02:13.123456789Z");
	}

	@Test
	void readOfUnknownKeyIs404() {
		assertThat(this.kv.failure(Operation.READ, "metadata/none", Map.of()).errors()).isEmpty();
	}

	@Test
	void writeStoresSettingsAndCustomMetadataWithoutAVersion() {
		LogicalResponse response = this.kv.call(Operation.UPDATE, "metadata/app",
				Map.of("max_versions", 5, "cas_required", "true", "delete_version_after", "3h25m19s", "custom_metadata",
						Map.of("owner", "team-a", "tier", 1)));

		assertThat(response.isEmpty()).isTrue();
		Map<String, Object> data = this.kv.call(Operation.READ, "metadata/app").data();
		assertThat(data).containsEntry("max_versions", 5)
			.containsEntry("cas_required", true)
			.containsEntry("delete_version_after", "3h25m19s")
			.containsEntry("current_version", 0L)
			.containsEntry("custom_metadata", Map.of("owner", "team-a", "tier", "1"));
		assertThat(map(data.get("versions"))).isEmpty();
		assertThat(this.kv.failure(Operation.READ, "data/app", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void writeKeepsFieldsItDoesNotMention() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("max_versions", 5, "custom_metadata", Map.of("a", "b")));

		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("cas_required", true));

		assertThat(this.kv.call(Operation.READ, "metadata/app").data()).containsEntry("max_versions", 5)
			.containsEntry("cas_required", true)
			.containsEntry("custom_metadata", Map.of("a", "b"));
	}

	@Test
	void writeReplacesCustomMetadataAsAWhole() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("custom_metadata", Map.of("a", "1", "b", "2")));

		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("custom_metadata", Map.of("c", "3")));

		assertThat(this.kv.call(Operation.READ, "metadata/app").data()).containsEntry("custom_metadata",
				Map.of("c", "3"));
	}

	@Test
	void customMetadataShowsInVersionResponses() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("custom_metadata", Map.of("owner", "ops")));

		Map<String, Object> written = this.kv.put("app", Map.of("v", "one"));

		assertThat(written).containsEntry("custom_metadata", Map.of("owner", "ops"));
		assertThat(map(this.kv.call(Operation.READ, "data/app").data().get("metadata")))
			.containsEntry("custom_metadata", Map.of("owner", "ops"));
	}

	@Test
	void patchMergesSettingsAndCustomMetadata() {
		this.kv.call(Operation.UPDATE, "metadata/app",
				Map.of("max_versions", 5, "cas_required", true, "custom_metadata", Map.of("a", "1", "b", "2")));

		LogicalResponse response = this.kv.call(Operation.PATCH, "metadata/app",
				mapOf("cas_required", null, "custom_metadata", mapOf("a", null, "c", "3")));

		assertThat(response.isEmpty()).isTrue();
		assertThat(this.kv.call(Operation.READ, "metadata/app").data()).containsEntry("max_versions", 5)
			.containsEntry("cas_required", false)
			.containsEntry("custom_metadata", Map.of("b", "2", "c", "3"));
	}

	@Test
	void patchOfUnknownKeyIs404() {
		assertThat(this.kv.failure(Operation.PATCH, "metadata/none", Map.of("max_versions", 2)).status())
			.isEqualTo(404);
	}

	@Test
	void casRequiredFalseUnderAMountThatRequiresItAnswersWithAWarning() {
		this.kv.call(Operation.UPDATE, "config", Map.of("cas_required", true));

		LogicalResponse response = this.kv.call(Operation.UPDATE, "metadata/app", Map.of("cas_required", false));

		assertThat(response.isEmpty()).isFalse();
		assertThat(response.data()).isNull();
		assertThat(response.warnings()).containsExactly(
				"\"cas_required\" set to false, but is mandated by backend config. This value will be ignored.");
	}

	@Test
	void invalidCustomMetadataIsRejectedAndChangesNothing() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("custom_metadata", Map.of("a", "1")));
		Map<String, Object> tooMany = new LinkedHashMap<>();
		for (int i = 0; i < 65; i++) {
			tooMany.put("k" + i, "v");
		}

		VaultException count = this.kv.failure(Operation.UPDATE, "metadata/app", Map.of("custom_metadata", tooMany));
		VaultException empty = this.kv.failure(Operation.UPDATE, "metadata/app",
				Map.of("custom_metadata", Map.of("a", "")));
		VaultException nested = this.kv.failure(Operation.UPDATE, "metadata/app",
				Map.of("custom_metadata", Map.of("a", Map.of())));
		VaultException control = this.kv.failure(Operation.UPDATE, "metadata/app",
				Map.of("custom_metadata", Map.of("a", "bell\u0007")));

		assertThat(count.errors()).containsExactly("1 error occurred:\n\t* custom_metadata validation failed: "
				+ "payload must contain at most 64 keys, provided 65\n\n");
		assertThat(empty.errors()).singleElement()
			.asString()
			.contains("length of value for key \"a\" is 0 but must be 0 < len(value) <= 512");
		assertThat(List.of(nested, control)).allSatisfy((failure) -> assertThat(failure.status()).isEqualTo(400));
		assertThat(this.kv.call(Operation.READ, "metadata/app").data()).containsEntry("custom_metadata",
				Map.of("a", "1"));
	}

	@Test
	void badSettingValuesAreRejected() {
		assertThat(this.kv.failure(Operation.UPDATE, "metadata/app", Map.of("max_versions", -1)).status())
			.isEqualTo(400);
		assertThat(this.kv.failure(Operation.UPDATE, "metadata/app", Map.of("cas_required", "maybe")).status())
			.isEqualTo(400);
		assertThat(this.kv.failure(Operation.UPDATE, "metadata/app", Map.of("delete_version_after", "soon")).status())
			.isEqualTo(400);
		assertThat(this.kv.failure(Operation.READ, "metadata/app", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void writeWithNoKnownFieldCreatesNothing() {
		assertThat(this.kv.call(Operation.UPDATE, "metadata/app", Map.of("unknown", 1)).isEmpty()).isTrue();
		assertThat(this.kv.failure(Operation.READ, "metadata/app", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void deleteRemovesEveryVersionAndTheMetadata() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));

		LogicalResponse response = this.kv.call(Operation.DELETE, "metadata/app");

		assertThat(response.isEmpty()).isTrue();
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 1))).isFalse();
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 2))).isFalse();
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Metadata("app"))).isFalse();
		assertThat(this.kv.failure(Operation.READ, "metadata/app", Map.of()).status()).isEqualTo(404);
		assertThat(this.kv.failure(Operation.READ, "data/app", Map.of("version", "1")).errors()).isEmpty();
		assertThat(this.kv.put("app", Map.of("v", "new"))).containsEntry("version", 1L);
		assertThat(this.kv.call(Operation.DELETE, "metadata/never").isEmpty()).isTrue();
	}

	@Test
	void listShowsKeysAndFoldersLikeVault() {
		this.kv.put("folder/a", Map.of("v", "1"));
		this.kv.put("folder/sub/b", Map.of("v", "1"));
		this.kv.put("folder/sub/c", Map.of("v", "1"));
		this.kv.put("top", Map.of("v", "1"));
		this.kv.put("myapp,dev", Map.of("v", "1"));

		assertThat(this.kv.call(Operation.LIST, "metadata/folder/").data())
			.isEqualTo(Map.of("keys", List.of("a", "sub/")));
		assertThat(this.kv.call(Operation.LIST, "metadata/").data().get("keys"))
			.isEqualTo(List.of("folder/", "myapp,dev", "top"));
		assertThat(this.kv.call(Operation.LIST, "metadata/folder/sub/").data().get("keys"))
			.isEqualTo(List.of("b", "c"));
	}

	@Test
	void listKeepsDeletedKeysUntilTheirMetadataIsDeleted() {
		this.kv.put("folder/a", Map.of("v", "1"));
		this.kv.call(Operation.DELETE, "data/folder/a");
		assertThat(this.kv.call(Operation.LIST, "metadata/folder/").data().get("keys")).isEqualTo(List.of("a"));

		this.kv.call(Operation.DELETE, "metadata/folder/a");

		VaultException empty = this.kv.failure(Operation.LIST, "metadata/folder/", Map.of());
		assertThat(empty.status()).isEqualTo(404);
		assertThat(empty.errors()).isEmpty();
	}

	@Test
	void listOfEmptyMountIs404WithNoErrors() {
		VaultException failure = this.kv.failure(Operation.LIST, "metadata/", Map.of());

		assertThat(failure.status()).isEqualTo(404);
		assertThat(failure.errors()).isEmpty();
	}

}
