package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.Operation;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

class KvV1UpgradeTest {

	@Test
	void tuningAV1MountToVersion2MovesEveryEntryToVersion1() {
		KvFixture kv = KvFixture.v1();
		kv.call(Operation.UPDATE, "app", Map.of("user", "alice"));
		kv.call(Operation.UPDATE, "team/svc,dev", Map.of("token", "t"));

		kv.remount(Map.of("version", "2"));

		Map<String, Object> app = kv.call(Operation.READ, "data/app").data();
		assertThat(map(app.get("data"))).isEqualTo(Map.of("user", "alice"));
		assertThat(map(app.get("metadata"))).containsEntry("version", 1L);
		assertThat(map(kv.call(Operation.READ, "data/team/svc,dev").data().get("data"))).containsEntry("token", "t");
		assertThat(kv.call(Operation.LIST, "metadata/").data().get("keys")).isEqualTo(List.of("app", "team/"));
		assertThat(kv.rawKeyExists(KvStorageKeys.v1Entry("app"))).isFalse();
	}

	@Test
	void aFreshVersion2MountHasNothingToMove() {
		KvFixture kv = KvFixture.v2();

		assertThat(kv.failure(Operation.LIST, "metadata/", Map.of()).status()).isEqualTo(404);
	}

}
