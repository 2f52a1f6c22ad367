package io.coffer.snapshot.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated automated-snapshot configuration, in Vault's terms.
 *
 * @param name the configuration's name
 * @param intervalSeconds time between snapshots
 * @param retain how many snapshots are kept
 * @param pathPrefix the directory the snapshots are written to
 * @param filePrefix the snapshot files' name prefix
 * @param storageType where they are written ({@code local})
 * @param localMaxSpace the bytes all of this configuration's snapshots may take (0:
 * unlimited)
 */
public record SnapshotPolicy(String name, long intervalSeconds, int retain, String pathPrefix, String filePrefix,
		String storageType, long localMaxSpace) {

	public static final String LOCAL = "local";

	/** The fields as Vault reads them back (and as they are stored on the nodes). */
	public Map<String, Object> fields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("interval", this.intervalSeconds);
		fields.put("retain", this.retain);
		fields.put("path_prefix", this.pathPrefix);
		fields.put("file_prefix", this.filePrefix);
		fields.put("storage_type", this.storageType);
		fields.put("local_max_space", this.localMaxSpace);
		return fields;
	}

}
