package io.coffer.secrets.engine.kv;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.kv.KvFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

class KvV2VersionOpsTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void deleteMarksChosenVersionsDeletedAndUndeleteRestoresThem() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));
		this.kv.put("app", Map.of("v", "three"));

		LogicalResponse deleted = this.kv.call(Operation.UPDATE, "delete/app", Map.of("versions", List.of(1, 2)));

		assertThat(deleted.isEmpty()).isTrue();
		assertThat(readStatus(1)).isEqualTo(404);
		assertThat(readStatus(2)).isEqualTo(404);
		assertThat(readStatus(3)).isZero();

		LogicalResponse undeleted = this.kv.call(Operation.UPDATE, "undelete/app", Map.of("versions", List.of(2)));

		assertThat(undeleted.isEmpty()).isTrue();
		assertThat(readStatus(1)).isEqualTo(404);
		LogicalResponse two = this.kv.call(Operation.READ, "data/app", Map.of("version", "2"));
		assertThat(map(two.data().get("data"))).containsEntry("v", "two");
		assertThat(map(two.data().get("metadata"))).containsEntry("deletion_time", "");
	}

	@Test
	void versionsAcceptACommaSeparatedString() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));

		this.kv.call(Operation.UPDATE, "delete/app", Map.of("versions", "1,2"));

		assertThat(readStatus(1)).isEqualTo(404);
		assertThat(readStatus(2)).isEqualTo(404);
	}

	@Test
	void destroyRemovesTheDataFromRawStorageForGood() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("app", Map.of("v", "two"));
		String versionOne = KvStorageKeys.v2Version("app", 1);
		assertThat(this.kv.rawKeyExists(versionOne)).isTrue();

		LogicalResponse destroyed = this.kv.call(Operation.UPDATE, "destroy/app", Map.of("versions", List.of(1)));

		assertThat(destroyed.isEmpty()).isTrue();
		assertThat(this.kv.rawKeyExists(versionOne)).isFalse();
		assertThat(this.kv.rawKeyExists(KvStorageKeys.v2Version("app", 2))).isTrue();
		LogicalResponse read = this.kv.call(Operation.READ, "data/app", Map.of("version", "1"));
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.data()).containsEntry("data", null);
		assertThat(map(read.data().get("metadata"))).containsEntry("destroyed", true)
			.containsEntry("deletion_time", "");
		this.kv.call(Operation.UPDATE, "undelete/app", Map.of("versions", List.of(1)));
		assertThat(readStatus(1)).isEqualTo(404);
	}

	@Test
	void versionOpsOnMissingKeysOrVersionsChangeNothing() {
		this.kv.put("app", Map.of("v", "one"));

		assertThat(this.kv.call(Operation.UPDATE, "delete/none", Map.of("versions", List.of(1))).isEmpty()).isTrue();
		assertThat(this.kv.call(Operation.UPDATE, "destroy/app", Map.of("versions", List.of(9))).isEmpty()).isTrue();
		assertThat(readStatus(1)).isZero();
	}

	@Test
	void missingOrBadVersionListIsRejected() {
		VaultException deleteNone = this.kv.failure(Operation.UPDATE, "delete/app", Map.of());
		VaultException undeleteEmpty = this.kv.failure(Operation.UPDATE, "undelete/app", Map.of("versions", List.of()));
		VaultException destroyNone = this.kv.failure(Operation.UPDATE, "destroy/app", Map.of());
		VaultException notNumbers = this.kv.failure(Operation.UPDATE, "delete/app", Map.of("versions", List.of("one")));

		assertThat(deleteNone.errors()).containsExactly("No version number provided");
		assertThat(undeleteEmpty.errors()).containsExactly("No version number provided");
		assertThat(destroyNone.errors()).containsExactly("no version number provided");
		assertThat(notNumbers.status()).isEqualTo(400);
	}

	@Test
	void versionOpPathsOnlyAcceptWrites() {
		for (String path : List.of("delete/app", "undelete/app", "destroy/app")) {
			assertThat(this.kv.failure(Operation.READ, path, Map.of()).status()).as(path).isEqualTo(405);
		}
	}

	@Test
	void undeleteRestartsTheVersionLifetimeWhenDeleteVersionAfterApplies() {
		this.kv.call(Operation.UPDATE, "config", Map.of("delete_version_after", "1h"));
		this.kv.put("app", Map.of("v", "one"));
		this.kv.clock.advance(Duration.ofHours(2));
		assertThat(readStatus(1)).isEqualTo(404);

		this.kv.call(Operation.UPDATE, "undelete/app", Map.of("versions", List.of(1)));

		LogicalResponse read = this.kv.call(Operation.READ, "data/app");
		assertThat(read.status()).isZero();
		assertThat(map(read.data().get("metadata"))).containsEntry("deletion_time", "2026-11-28T04:02:03.123456789Z");
	}

	private int readStatus(int version) {
		return this.kv.call(Operation.READ, "data/app", Map.of("version", Integer.toString(version))).status();
	}

}
