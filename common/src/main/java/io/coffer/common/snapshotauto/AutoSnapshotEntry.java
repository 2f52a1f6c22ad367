package io.coffer.common.snapshotauto;

import java.util.Map;

/**
 * One automated-snapshot configuration as the active node keeps it behind the barrier.
 * The node does not interpret {@code config} or {@code status}: snapshot-service
 * validates and reads them.
 *
 * @param name the configuration's name
 * @param config the configuration's fields, as snapshot-service stored them
 * @param claimedTick the last schedule tick claimed by any snapshot-service instance
 * @param status the last run's status, as snapshot-service stored it (empty before the
 * first run)
 */
public record AutoSnapshotEntry(String name, Map<String, Object> config, long claimedTick, Map<String, Object> status) {

	public AutoSnapshotEntry {
		config = (config != null) ? Map.copyOf(config) : Map.of();
		status = (status != null) ? status : Map.of();
	}

}
