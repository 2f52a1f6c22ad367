package io.coffer.secrets.engine.kv;

import java.util.Map;

/**
 * The settings of a key that clients write through {@code metadata/<path>}.
 *
 * @param maxVersions versions kept; 0 = the mount's setting
 * @param casRequired writes need check-and-set
 * @param deleteVersionAfterSeconds version lifetime; 0 = the mount's setting
 * @param customMetadata string pairs
 */
record KeySettings(int maxVersions, boolean casRequired, long deleteVersionAfterSeconds,
		Map<String, String> customMetadata) {

	KeySettings {
		customMetadata = (customMetadata != null) ? Map.copyOf(customMetadata) : Map.of();
	}

}
