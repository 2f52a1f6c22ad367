package io.coffer.secrets.engine.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.coffer.secrets.support.VaultDurations;

/**
 * Everything KV v2 knows about one key besides its data: one stored record, rewritten
 * with every change.
 *
 * @param path the key's path below the mount
 * @param currentVersion the latest version number (0 before the first write)
 * @param oldestVersion Vault's sliding-window start; 0 until versions were trimmed
 * @param createdTime when the key came to be
 * @param updatedTime when the latest version was written
 * @param maxVersions the key's own limit; 0 = the mount's
 * @param casRequired the key requires check-and-set on writes
 * @param deleteVersionAfterSeconds the key's version lifetime; 0 = the mount's
 * @param customMetadata free string pairs about the key
 * @param versions the versions still known, by number
 */
record KeyMetadata(String path, long currentVersion, long oldestVersion, Instant createdTime, Instant updatedTime,
		int maxVersions, boolean casRequired, long deleteVersionAfterSeconds, Map<String, String> customMetadata,
		SortedMap<Long, VersionMetadata> versions) {

	KeyMetadata {
		customMetadata = (customMetadata != null) ? Map.copyOf(customMetadata) : Map.of();
		versions = (versions != null) ? new TreeMap<>(versions) : new TreeMap<>();
	}

	/** A key that has settings but no version yet (metadata written first). */
	static KeyMetadata empty(String path, Instant now) {
		return new KeyMetadata(path, 0, 0, now, now, 0, false, 0, Map.of(), new TreeMap<>());
	}

	VersionMetadata version(long number) {
		return this.versions.get(number);
	}

	VersionMetadata current() {
		return this.versions.get(this.currentVersion);
	}

	KeyMetadata withVersion(long number, VersionMetadata version) {
		SortedMap<Long, VersionMetadata> copy = new TreeMap<>(this.versions);
		copy.put(number, version);
		return new KeyMetadata(this.path, this.currentVersion, this.oldestVersion, this.createdTime, this.updatedTime,
				this.maxVersions, this.casRequired, this.deleteVersionAfterSeconds, this.customMetadata, copy);
	}

	KeyMetadata withSettings(KeySettings settings) {
		return new KeyMetadata(this.path, this.currentVersion, this.oldestVersion, this.createdTime, this.updatedTime,
				settings.maxVersions(), settings.casRequired(), settings.deleteVersionAfterSeconds(),
				settings.customMetadata(), this.versions);
	}

	KeySettings settings() {
		return new KeySettings(this.maxVersions, this.casRequired, this.deleteVersionAfterSeconds, this.customMetadata);
	}

	/** {@code custom_metadata} as Vault renders it: null when there is none. */
	Map<String, String> customMetadataOrNull() {
		return this.customMetadata.isEmpty() ? null : new TreeMap<>(this.customMetadata);
	}

	/**
	 * The metadata of one version as the data, subkeys and write responses show it.
	 */
	Map<String, Object> versionResponse(long number) {
		VersionMetadata version = this.versions.get(number);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("created_time", KvTimes.format(version.createdTime()));
		out.put("custom_metadata", customMetadataOrNull());
		out.put("deletion_time", KvTimes.format(version.deletionTime()));
		out.put("destroyed", version.destroyed());
		out.put("version", number);
		return out;
	}

	/** The {@code metadata/<path>} read response. */
	Map<String, Object> toResponse() {
		Map<String, Object> versionsOut = new LinkedHashMap<>();
		this.versions.forEach((number, version) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("created_time", KvTimes.format(version.createdTime()));
			entry.put("deletion_time", KvTimes.format(version.deletionTime()));
			entry.put("destroyed", version.destroyed());
			versionsOut.put(Long.toString(number), entry);
		});
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("cas_required", this.casRequired);
		out.put("created_time", KvTimes.format(this.createdTime));
		out.put("current_version", this.currentVersion);
		out.put("custom_metadata", customMetadataOrNull());
		out.put("delete_version_after", VaultDurations.format(Duration.ofSeconds(this.deleteVersionAfterSeconds)));
		out.put("max_versions", this.maxVersions);
		out.put("oldest_version", this.oldestVersion);
		out.put("updated_time", KvTimes.format(this.updatedTime));
		out.put("versions", versionsOut);
		return out;
	}

}
