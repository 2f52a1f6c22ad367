package io.coffer.secrets.engine.kv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvStorageKeysTest {

	@Test
	void ordinaryPathsKeepTheirShape() {
		assertThat(KvStorageKeys.v2Metadata("team/app,dev")).isEqualTo("v2/metadata/team/app,dev");
		assertThat(KvStorageKeys.v1Entry("a b/c")).isEqualTo("v1/a b/c");
	}

	@Test
	void segmentsStorageWouldRejectAreEscapedAndDecodeBack() {
		for (String path : List.of("a/../b", "./x", "a//b", "/lead", "trail/", "100%", "%2E", "%", "..x/...")) {
			String encoded = KvStorageKeys.encode(path);
			assertThat(encoded.split("/", -1)).as(path).doesNotContain("", ".", "..");
			assertThat(KvStorageKeys.decodePath(encoded)).as(path).isEqualTo(path);
		}
	}

	@Test
	void listEntriesDecodeToKvNames() {
		assertThat(KvStorageKeys.decodeListEntry("100%25")).isEqualTo("100%");
		assertThat(KvStorageKeys.decodeListEntry("%2E%2E/")).isEqualTo("../");
	}

	@Test
	void versionKeysOfNestedPathsNeverCollide() {
		assertThat(KvStorageKeys.v2Version("a", 1)).isNotEqualTo(KvStorageKeys.v2Version("a/1", 1));
		assertThat(KvStorageKeys.v2Version("a/1", 1)).doesNotStartWith(KvStorageKeys.v2Version("a", 1));
	}

}
