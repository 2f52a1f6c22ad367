package io.coffer.snapshot.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param s3PartSize bytes per part of an {@code aws-s3} multipart upload (S3's minimum is
 * 5 MiB)
 * @param s3ConnectTimeout how long connecting to S3 may take
 * @param s3Timeout how long S3 may stay silent on an open connection
 * @param workDir where {@code aws-s3} snapshots wait, verified, for their upload
 * (default: {@code java.io.tmpdir})
 */
@ConfigurationProperties("coffer.snapshot")
public record SnapshotProperties(List<URI> nodes, @DefaultValue("2s") Duration nodeConnectTimeout,
		@DefaultValue("10s") Duration nodeTimeout, @DefaultValue("10m") Duration snapshotTimeout,
		@DefaultValue("1m") Duration minInterval, @DefaultValue("5s") Duration checkEvery,
		@DefaultValue("true") boolean schedulerEnabled, @DefaultValue("16MB") DataSize s3PartSize,
		@DefaultValue("5s") Duration s3ConnectTimeout, @DefaultValue("60s") Duration s3Timeout, Path workDir) {

	/** S3 refuses smaller parts (but the last). */
	public static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

	public SnapshotProperties {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
		if (s3PartSize.compareTo(MIN_PART_SIZE) < 0) {
			throw new IllegalArgumentException("coffer.snapshot.s3-part-size must be at least 5MB (S3's minimum)");
		}
		workDir = (workDir != null) ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
