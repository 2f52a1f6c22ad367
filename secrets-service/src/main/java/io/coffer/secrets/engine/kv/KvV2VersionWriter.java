package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.coffer.secrets.storage.StorageOp;

/**
 * Appends a new version to a key: its data, the metadata naming it and the removal of
 * versions past {@code max_versions}, all in one atomic batch. Callers hold the key's
 * lock.
 */
final class KvV2VersionWriter {

	private final KvV2Store store;

	private final Clock clock;

	KvV2VersionWriter(KvV2Store store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** Returns the new version's metadata as the write response shows it. */
	Map<String, Object> append(KeyMetadata metadata, KvConfig config, Map<String, Object> data) {
		return append(metadata, config, data, List.of());
	}

	/**
	 * Like {@link #append(KeyMetadata, KvConfig, Map)}, with {@code alsoInBatch} applied
	 * atomically with the new version.
	 */
	Map<String, Object> append(KeyMetadata metadata, KvConfig config, Map<String, Object> data,
			List<StorageOp> alsoInBatch) {
		Instant now = this.clock.instant();
		long number = metadata.currentVersion() + 1;
		SortedMap<Long, VersionMetadata> versions = new TreeMap<>(metadata.versions());
		versions.put(number, new VersionMetadata(now, deletionTime(now, config, metadata), false));

		String path = metadata.path();
		List<StorageOp> batch = new ArrayList<>(alsoInBatch);
		batch.add(this.store.putVersion(path, number, data));
		long oldest = metadata.oldestVersion();
		int max = effectiveMaxVersions(config, metadata);
		if (number - oldest >= max) {
			// A lowered max_versions can leave several versions to drop at once.
			long lastToDrop = number - max;
			for (long old = Math.max(oldest, 1); old <= lastToDrop; old++) {
				versions.remove(old);
				batch.add(this.store.deleteVersion(path, old));
			}
			versions.remove(0L);
			oldest = lastToDrop + 1;
		}
		Instant created = (metadata.createdTime() != null) ? metadata.createdTime() : now;
		KeyMetadata updated = new KeyMetadata(path, number, oldest, created, now, metadata.maxVersions(),
				metadata.casRequired(), metadata.deleteVersionAfterSeconds(), metadata.customMetadata(), versions);
		batch.add(this.store.putMetadata(updated));
		this.store.write(batch);
		return updated.versionResponse(number);
	}

	/**
	 * Vault keeps the larger of the key's and the mount's limit; 10 when neither is set.
	 */
	static int effectiveMaxVersions(KvConfig config, KeyMetadata metadata) {
		int max = Math.max(config.maxVersions(), metadata.maxVersions());
		return (max > 0) ? max : KvConfig.DEFAULT_MAX_VERSIONS;
	}

	/**
	 * When a version written (or undeleted) at {@code base} expires: after the smaller
	 * non-zero {@code delete_version_after} of mount and key; null when neither is set or
	 * the mount disabled the feature.
	 */
	static Instant deletionTime(Instant base, KvConfig config, KeyMetadata metadata) {
		if (config.deleteVersionAfterDisabled()) {
			return null;
		}
		long mount = config.deleteVersionAfterSeconds();
		long key = metadata.deleteVersionAfterSeconds();
		long seconds;
		if (mount > 0 && key > 0) {
			seconds = Math.min(mount, key);
		}
		else {
			seconds = Math.max(mount, key);
		}
		return (seconds > 0) ? base.plusSeconds(seconds) : null;
	}

}
