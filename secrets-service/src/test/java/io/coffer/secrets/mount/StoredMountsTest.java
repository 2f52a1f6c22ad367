package io.coffer.secrets.mount;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoredMountsTest {

	/** A secrets mount table exactly as earlier versions stored it. */
	private static final String STORED_TABLE = """
			[{"path":"kv1/","type":"kv","description":"old","accessor":"kv_0a1b2c3d",\
			"uuid":"6f1c0d3e-0000-4000-8000-000000000001",\
			"config":{"defaultLeaseTtl":60,"maxLeaseTtl":120,"forceNoCache":false},"options":{"version":"1"}}]""";

	private final Barrier barrier = TestBarriers.unsealed(new InMemoryStorage());

	private final StoredMounts<SecretEngine> mounts = new StoredMounts<>(this.barrier, "core/mounts", "logical/",
			(mount, view) -> (request) -> LogicalResponse.empty());

	@Test
	void aTableStoredByEarlierVersionsLoadsUnchanged() {
		this.barrier.put("core/mounts", STORED_TABLE.getBytes(StandardCharsets.UTF_8));
		MountEntry entry = this.mounts.exact("kv1/").orElseThrow();
		assertThat(entry.accessor()).isEqualTo("kv_0a1b2c3d");
		assertThat(entry.config()).isEqualTo(new MountEntry.MountConfig(60, 120, false));
		assertThat(entry.options()).isEqualTo(Map.of("version", "1"));
		assertThat(this.mounts.table().longestPrefix("kv1/app")).contains(entry);
	}

	@Test
	void aChangeIsStoredAndSurvivesAReload() {
		MountEntry entry = new MountEntry("team/", "kv", "", "kv_1", "u-1", MountEntry.MountConfig.DEFAULTS, null);
		this.mounts.put(entry);
		this.mounts.reload();
		assertThat(this.mounts.entries()).containsExactly(entry);
		this.mounts.remove(entry);
		this.mounts.drop();
		assertThat(this.mounts.entries()).isEmpty();
	}

	@Test
	void theEntriesStayTheSameListUntilTheTableChanges() {
		assertThat(this.mounts.entries()).isSameAs(this.mounts.entries());
		var before = this.mounts.entries();
		this.mounts.put(new MountEntry("a/", "kv", "", "kv_2", "u-2", MountEntry.MountConfig.DEFAULTS, null));
		assertThat(this.mounts.entries()).isNotSameAs(before);
	}

}
