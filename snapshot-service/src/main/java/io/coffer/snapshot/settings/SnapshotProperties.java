package io.coffer.snapshot.settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.snapshot} (README.md "Configuration").
 *
 * @param nodes every secrets node's base URL; the calls go to the active one
 * @param nodeConnectTimeout how long connecting to one node may take
 * @param nodeTimeout how long one configuration call to a node may take
 * @param snapshotTimeout how long the node may take to start sending a snapshot (it
 * writes the whole archive before the first byte)
 * @param minInterval the shortest {@code interval} a configuration may have
 * @param checkEvery how often the scheduler looks for due ticks
 * @param schedulerEnabled whether this instance takes snapshots at all
 */
@ConfigurationProperties("coffer.snapshot")
public record SnapshotProperties(List<URI> nodes, @DefaultValue("2s") Duration nodeConnectTimeout,
		@DefaultValue("10s") Duration nodeTimeout, @DefaultValue("10m") Duration snapshotTimeout,
		@DefaultValue("1m") Duration minInterval, @DefaultValue("5s") Duration checkEvery,
		@DefaultValue("true") boolean schedulerEnabled) {

	public SnapshotProperties {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
	}

}
