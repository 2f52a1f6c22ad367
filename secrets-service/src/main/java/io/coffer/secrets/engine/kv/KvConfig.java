package io.coffer.secrets.engine.kv;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.support.VaultDurations;

/**
 * A KV v2 mount's configuration ({@code <mount>/config}).
 *
 * @param maxVersions versions kept per key; 0 means the default of 10
 * @param casRequired every data write must carry {@code options.cas}
 * @param deleteVersionAfterSeconds lifetime of new versions; 0 = none, negative = the
 * feature is disabled for every key
 */
record KvConfig(int maxVersions, boolean casRequired, long deleteVersionAfterSeconds) {

	/** Vault keeps 10 versions when neither the mount nor the key says otherwise. */
	static final int DEFAULT_MAX_VERSIONS = 10;

	static final KvConfig DEFAULTS = new KvConfig(0, false, 0);

	boolean deleteVersionAfterDisabled() {
		return this.deleteVersionAfterSeconds < 0;
	}

	Map<String, Object> toResponse() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("cas_required", this.casRequired);
		out.put("delete_version_after", deleteVersionAfterDisabled() ? "-1s"
				: VaultDurations.format(Duration.ofSeconds(this.deleteVersionAfterSeconds)));
		out.put("max_versions", this.maxVersions);
		return out;
	}

}
