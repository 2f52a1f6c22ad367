package io.coffer.secrets.engine.kv;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

/** max_versions trimming and delete_version_after expiry, at mount and key level. */
class KvV2VersionLimitsTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void tenVersionsAreKeptByDefault() {
		for (int i = 1; i <= 12; i++) {
			this.kv.put("app", Map.of("n", i));
		}

		Map<String, Object> metadata = this.kv.call(Operation.READ, "metadata/app").data();

		assertThat(map(metadata.get("versions"))).hasSize(10).containsKey("3").doesNotContainKeys("1", "2");
		assertThat(metadata).containsEntry("oldest_version", 3L).containsEntry("current_version", 12L);
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 2))).isFalse();
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 3))).isTrue();
		assertThat(this.kv.failure(Operation.READ, "data/app", Map.of("version", "2")).errors()).isEmpty();
	}

	@Test
	void trimmedVersionsReadAsNeverExisting() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("max_versions", 2));
		for (int i = 1; i <= 3; i++) {
			this.kv.put("app", Map.of("n", i));
		}

		assertThat(this.kv.failure(Operation.READ, "data/app", Map.of("version", "1")).errors()).isEmpty();
		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data().get("versions"))).containsOnlyKeys("2", "3");
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 1))).isFalse();
	}

	@Test
	void mountMaxVersionsAppliesToKeysWithoutTheirOwn() {
		this.kv.call(Operation.UPDATE, "config", Map.of("max_versions", 3));
		for (int i = 1; i <= 5; i++) {
			this.kv.put("app", Map.of("n", i));
		}

		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data().get("versions"))).containsOnlyKeys("3", "4",
				"5");
	}

	@Test
	void loweringMaxVersionsDropsSeveralVersionsOnTheNextWrite() {
		for (int i = 1; i <= 6; i++) {
			this.kv.put("app", Map.of("n", i));
		}
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("max_versions", 2));
		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data().get("versions"))).hasSize(6);

		this.kv.put("app", Map.of("n", 7));

		assertThat(map(this.kv.call(Operation.READ, "metadata/app").data().get("versions"))).containsOnlyKeys("6", "7");
		for (int i = 1; i <= 5; i++) {
			assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", i))).isFalse();
		}
	}

	@Test
	void mountDeleteVersionAfterExpiresVersionsAtReadTime() {
		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", "1h"));
		Map<String, Object> written = this.kv.put("app", Map.of("v", "one"));
		assertThat(written).containsEntry("deletion_time", "2026-11-28T02:02:03.123456789Z");

		this.kv.clock.advance(Duration.ofMinutes(59));
		assertThat(this.kv.call(Operation.READ, "data/app").status()).isZero();

		this.kv.clock.advance(Duration.ofMinutes(1));
		LogicalResponse expired = this.kv.call(Operation.READ, "data/app");
		assertThat(expired.status()).isEqualTo(404);
		assertThat(expired.data()).containsEntry("data", null);
		assertThat(this.kv.exists("data/app")).isTrue();
	}

	@Test
	void theShorterOfKeyAndMountLifetimeWins() {
		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", 7200));
		this.kv.call(Operation.UPDATE, "metadata/short", Map.of("delete_version_after", "30m"));
		this.kv.call(Operation.UPDATE, "metadata/long", Map.of("delete_version_after", "5h"));

		assertThat(this.kv.put("short", Map.of("v", "1"))).containsEntry("deletion_time",
				"2026-11-28T01:32:03.123456789Z");
		assertThat(this.kv.put("long", Map.of("v", "1"))).containsEntry("deletion_time",
				"2026-11-28T03:02:03.123456789Z");
	}

	@Test
	void keyDeleteVersionAfterWorksWithoutAMountSetting() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("delete_version_after", "10s"));
		this.kv.put("app", Map.of("v", "1"));

		this.kv.clock.advance(Duration.ofSeconds(10));

		assertThat(this.kv.call(Operation.READ, "data/app").status()).isEqualTo(404);
	}

	@Test
	void aNegativeMountLifetimeDisablesKeyLifetimes() {
		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", "-1s"));
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("delete_version_after", "10s"));

		assertThat(this.kv.put("app", Map.of("v", "1"))).containsEntry("deletion_time", "");
		assertThat(this.kv.call(Operation.READ, "config").data()).containsEntry("delete_version_after", "-1s");
	}

	@Test
	void deleteOfAnExpiredLatestVersionIsANoOp() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("delete_version_after", "10s"));
		this.kv.put("app", Map.of("v", "1"));
		this.kv.clock.advance(Duration.ofMinutes(1));

		this.kv.call(Operation.DELETE, "data/app");

		assertThat(map(map(this.kv.call(Operation.READ, "metadata/app").data().get("versions")).get("1")))
			.containsEntry("deletion_time", "2026-11-28T01:02:13.123456789Z");
		assertThat(List.of(this.kv.call(Operation.READ, "data/app").status())).containsExactly(404);
	}

}
