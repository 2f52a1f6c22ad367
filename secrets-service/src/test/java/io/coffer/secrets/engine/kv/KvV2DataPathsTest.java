package io.coffer.secrets.engine.kv;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static io.coffer.secrets.engine.kv.KvFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class KvV2DataPathsTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void writeAnswers200WithTheNewVersionsMetadata() {
		LogicalResponse response = this.kv.call(Operation.UPDATE, "data/app",
				Map.of("data", Map.of("password", "s3cr3t")));

		assertThat(response.status()).isZero();
		assertThat(response.isEmpty()).isFalse();
		assertThat(response.data()).containsOnlyKeys("created_time", "custom_metadata", "deletion_time", "destroyed",
				"version");
		assertThat(response.data()).containsEntry("created_time", "2026-11-28T01:02:03.123456789Z")
			.containsEntry("custom_metadata", null)
			.containsEntry("deletion_time", "")
			.containsEntry("destroyed", false)
			.containsEntry("version", 1L);
	}

	@Test
	void createAndUpdateBehaveAlike() {
		this.kv.call(Operation.CREATE, "data/app", Map.of("data", Map.of("a", "1")));
		Map<String, Object> second = this.kv.call(Operation.CREATE, "data/app", Map.of("data", Map.of("a", "2")))
			.data();

		assertThat(second).containsEntry("version", 2L);
	}

	@Test
	void readReturnsLatestDataAndItsMetadata() {
		this.kv.put("app", Map.of("user", "alice"));
		this.kv.clock.advance(Duration.ofSeconds(5));
		this.kv.put("app", Map.of("user", "bob", "port", 5432));

		LogicalResponse response = this.kv.call(Operation.READ, "data/app");

		assertThat(response.status()).isZero();
		assertThat(map(response.data().get("data")))
			.containsExactlyInAnyOrderEntriesOf(Map.of("user", "bob", "port", 5432));
		assertThat(map(response.data().get("metadata"))).containsEntry("version", 2L)
			.containsEntry("created_time", "2026-11-28T01:02:08.123456789Z")
			.containsEntry("deletion_time", "")
			.containsEntry("destroyed", false)
			.containsEntry("custom_metadata", null);
	}

	@Test
	void readOfAnOlderVersionUsesTheQueryParameterString() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));

		LogicalResponse response = this.kv.call(Operation.READ, "data/app", Map.of("version", "1"));

		assertThat(map(response.data().get("data"))).containsEntry("v", "one");
		assertThat(map(response.data().get("metadata"))).containsEntry("version", 1L);
	}

	@Test
	void versionZeroMeansTheCurrentVersion() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));

		assertThat(map(this.kv.call(Operation.READ, "data/app", Map.of("version", "0")).data().get("data")))
			.containsEntry("v", "two");
	}

	@Test
	void readOfMissingKeyOrNeverWrittenVersionIs404WithNoErrors() {
		this.kv.put("app", Map.of("v", "one"));

		VaultException missingKey = this.kv.failure(Operation.READ, "data/nope", Map.of());
		VaultException missingVersion = this.kv.failure(Operation.READ, "data/app", Map.of("version", "7"));

		assertThat(missingKey.status()).isEqualTo(404);
		assertThat(missingKey.errors()).isEmpty();
		assertThat(missingVersion.status()).isEqualTo(404);
		assertThat(missingVersion.errors()).isEmpty();
	}

	@Test
	void readOfSoftDeletedVersionIs404CarryingTheFullEnvelope() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.clock.advance(Duration.ofMinutes(1));
		this.kv.call(Operation.DELETE, "data/app");

		LogicalResponse response = this.kv.call(Operation.READ, "data/app");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.data()).containsEntry("data", null);
		assertThat(map(response.data().get("metadata"))).containsEntry("version", 1L)
			.containsEntry("deletion_time", "2026-11-28T01:03:03.123456789Z")
			.containsEntry("destroyed", false);
	}

	@Test
	void deleteOfLatestLeavesOlderVersionsReadable() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));

		LogicalResponse deleted = this.kv.call(Operation.DELETE, "data/app");

		assertThat(deleted.isEmpty()).isTrue();
		assertThat(this.kv.call(Operation.READ, "data/app").status()).isEqualTo(404);
		assertThat(map(this.kv.call(Operation.READ, "data/app", Map.of("version", "1")).data().get("data")))
			.containsEntry("v", "one");
	}

	@Test
	void deleteOfMissingKeyIs204() {
		assertThat(this.kv.call(Operation.DELETE, "data/never").isEmpty()).isTrue();
	}

	@Test
	void writeAfterDeleteCreatesALiveNewVersion() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.call(Operation.DELETE, "data/app");

		assertThat(this.kv.put("app", Map.of("v", "two"))).containsEntry("version", 2L);
		assertThat(this.kv.call(Operation.READ, "data/app").status()).isZero();
	}

	@Test
	void casZeroCreatesOnlyWhenTheKeyIsAbsent() {
		assertThat(this.kv.putWithCas("app", Map.of("v", "one"), 0)).containsEntry("version", 1L);

		VaultException again = this.kv.failure(Operation.UPDATE, "data/app",
				Map.of("data", Map.of("v", "two"), "options", Map.of("cas", 0)));

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.errors()).containsExactly("check-and-set parameter did not match the current version");
	}

	@Test
	void casMustMatchTheCurrentVersionInAnyNumericForm() {
		this.kv.put("app", Map.of("v", "one"));

		assertThat(this.kv.putWithCas("app", Map.of("v", "two"), 1L)).containsEntry("version", 2L);
		assertThat(this.kv.putWithCas("app", Map.of("v", "three"), new BigDecimal("2"))).containsEntry("version", 3L);
		assertThat(this.kv.putWithCas("app", Map.of("v", "four"), 3.0d)).containsEntry("version", 4L);
		assertThat(this.kv.putWithCas("app", Map.of("v", "five"), "4")).containsEntry("version", 5L);
		VaultException stale = this.kv.failure(Operation.UPDATE, "data/app",
				Map.of("data", Map.of("v", "x"), "options", Map.of("cas", 4)));
		assertThat(stale.errors()).containsExactly("check-and-set parameter did not match the current version");
	}

	@Test
	void unparsableCasIsRejected() {
		VaultException failure = this.kv.failure(Operation.UPDATE, "data/app",
				Map.of("data", Map.of("v", "x"), "options", Map.of("cas", "abc")));

		assertThat(failure.status()).isEqualTo(400);
		assertThat(failure.errors()).containsExactly("error parsing check-and-set parameter");
	}

	@Test
	void casRequiredByKeyMetadataRejectsWritesWithoutCas() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("cas_required", true));

		VaultException failure = this.kv.failure(Operation.UPDATE, "data/app", Map.of("data", Map.of("v", "two")));

		assertThat(failure.status()).isEqualTo(400);
		assertThat(failure.errors()).containsExactly("check-and-set parameter required for this call");
		assertThat(this.kv.putWithCas("app", Map.of("v", "two"), 1)).containsEntry("version", 2L);
	}

	@Test
	void casRequiredByMountConfigAppliesToEveryKey() {
		this.kv.call(Operation.UPDATE, "config", Map.of("cas_required", true));

		VaultException failure = this.kv.failure(Operation.UPDATE, "data/new", Map.of("data", Map.of("v", "1")));

		assertThat(failure.errors()).containsExactly("check-and-set parameter required for this call");
		assertThat(this.kv.putWithCas("new", Map.of("v", "1"), 0)).containsEntry("version", 1L);
	}

	@Test
	void writeWithoutDataIsRejected() {
		VaultException missing = this.kv.failure(Operation.UPDATE, "data/app", Map.of("options", Map.of()));
		VaultException nulled = this.kv.failure(Operation.UPDATE, "data/app", mapOf("data", null));

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.errors()).containsExactly("no data provided");
		assertThat(nulled.errors()).containsExactly("no data provided");
	}

	@Test
	void nonObjectDataOrOptionsIsRejectedWithoutEchoingTheValueAndChangesNothing() {
		this.kv.put("app", Map.of("v", "one"));

		VaultException badData = this.kv.failure(Operation.UPDATE, "data/app", Map.of("data", "hunter2"));
		VaultException badList = this.kv.failure(Operation.UPDATE, "data/app", Map.of("data", List.of("hunter2")));
		VaultException badOptions = this.kv.failure(Operation.UPDATE, "data/app",
				Map.of("data", Map.of("v", "two"), "options", "cas=1"));

		assertThat(List.of(badData, badList, badOptions)).allSatisfy((failure) -> {
			assertThat(failure.status()).isEqualTo(400);
			assertThat(String.join(" ", failure.errors())).doesNotContain("hunter2");
		});
		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data())).containsEntry("current_version", 1L);
	}

	@Test
	void badVersionNumberIsRejected() {
		this.kv.put("app", Map.of("v", "one"));

		VaultException text = this.kv.failure(Operation.READ, "data/app", Map.of("version", "latest"));
		VaultException fraction = this.kv.failure(Operation.READ, "data/app", Map.of("version", "1.5"));

		assertThat(text.status()).isEqualTo(400);
		assertThat(text.errors()).singleElement().asString().contains("version");
		assertThat(fraction.status()).isEqualTo(400);
	}

	@Test
	void writeToTheBareDataPathIsRejected() {
		VaultException failure = this.kv.failure(Operation.UPDATE, "data/", Map.of("data", Map.of("a", "b")));

		assertThat(failure.status()).isEqualTo(400);
		assertThat(failure.errors()).containsExactly("missing path");
	}

	@Test
	void listOnTheDataPathIsUnsupported() {
		this.kv.put("app", Map.of("v", "one"));

		VaultException failure = this.kv.failure(Operation.LIST, "data/", Map.of());

		assertThat(failure.status()).isEqualTo(405);
		assertThat(failure.errors()).containsExactly("unsupported operation");
	}

	@Test
	void unknownPathGroupsAre404UnsupportedPath() {
		for (String path : List.of("", "app", "secret/app", "datas/app", "data")) {
			VaultException failure = this.kv.failure(Operation.READ, path, Map.of());
			assertThat(failure.status()).as(path).isEqualTo(404);
			assertThat(failure.errors()).as(path).containsExactly("unsupported path");
		}
	}

	@Test
	void pathsWithCommasSpacesAndFoldersAreIndependentKeys() {
		this.kv.put("myapp,dev", Map.of("profile", "dev"));
		this.kv.put("myapp", Map.of("profile", "default"));
		this.kv.put("team a/app b/it's 100%", Map.of("odd", "yes"));
		this.kv.put("a/../b", Map.of("dots", "kept"));

		assertThat(map(this.kv.call(Operation.READ, "data/myapp,dev").data().get("data"))).containsEntry("profile",
				"dev");
		assertThat(map(this.kv.call(Operation.READ, "data/myapp").data().get("data"))).containsEntry("profile",
				"default");
		assertThat(map(this.kv.call(Operation.READ, "data/team a/app b/it's 100%").data().get("data")))
			.containsEntry("odd", "yes");
		assertThat(map(this.kv.call(Operation.READ, "data/a/../b").data().get("data"))).containsEntry("dots", "kept");
		assertThat(map(this.kv.call(Operation.LIST, "metadata/team a/app b/").data()).get("keys"))
			.isEqualTo(List.of("it's 100%"));
	}

	@Test
	void nestedValuesAndExactDecimalsSurviveTheRoundTrip() {
		Map<String, Object> secret = mapOf("nested", Map.of("list", List.of(1, "two", true)), "price",
				new BigDecimal("1.10"), "big", 12345678901234L, "none", null);
		this.kv.put("app", secret);

		Map<String, Object> read = map(this.kv.call(Operation.READ, "data/app").data().get("data"));

		assertThat(read.get("price")).isEqualTo(new BigDecimal("1.10"));
		assertThat(read.get("big")).isEqualTo(12345678901234L);
		assertThat(map(read.get("nested")).get("list")).isEqualTo(List.of(1, "two", true));
		assertThat(read).containsEntry("none", null);
	}

	@Test
	void existsIsTrueWhileTheKeyHasMetadataEvenWhenItsVersionIsDeleted() {
		assertThat(this.kv.exists("data/app")).isFalse();
		this.kv.put("app", Map.of("v", "one"));
		assertThat(this.kv.exists("data/app")).isTrue();
		assertThat(this.kv.exists("metadata/app")).isTrue();
		this.kv.call(Operation.DELETE, "data/app");
		assertThat(this.kv.exists("data/app")).isTrue();
		assertThat(this.kv.exists("metadata/app")).isTrue();
		assertThat(this.kv.exists("metadata/other")).isFalse();
		this.kv.call(Operation.DELETE, "metadata/app");
		assertThat(this.kv.exists("data/app")).isFalse();
	}

	@Test
	void secretValuesNeverReachRawStorageInClear() {
		this.kv.put("app", Map.of("password", "plain-text-marker"));

		assertThat(this.kv.storage.raw().values())
			.noneSatisfy((bytes) -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
				.contains("plain-text-marker"));
	}

}
