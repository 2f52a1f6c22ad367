package io.coffer.common.snapshot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code meta.json} of a Coffer snapshot: where and when it was taken and what it holds.
 * The file names and the layout of {@code state.bin} are described in
 * secrets-service/STORAGE.md ("Snapshots").
 *
 * @param formatVersion the snapshot format ({@link #FORMAT_VERSION})
 * @param clusterId the cluster's id ({@code sys/health}'s {@code cluster_id})
 * @param clusterName the cluster's name ({@code sys/health}'s {@code cluster_name})
 * @param nodeId the node whose replica was read
 * @param logEpoch the log epoch of the replica's position
 * @param logIndex the log index of the replica's position: the state holds every entry up
 * to it and none after
 * @param keyringTerm the barrier key term in use when the snapshot was taken (the keyring
 * in the state holds every term)
 * @param entryCount the number of key/value pairs in {@code state.bin}
 * @param stateSha256 lower-case hex SHA-256 of {@code state.bin}
 * @param stateSize the size of {@code state.bin} in bytes
 * @param createdTime when the snapshot was taken
 */
public record SnapshotManifest(@JsonProperty("format_version") int formatVersion,
		@JsonProperty("cluster_id") String clusterId, @JsonProperty("cluster_name") String clusterName,
		@JsonProperty("node_id") String nodeId, @JsonProperty("log_epoch") long logEpoch,
		@JsonProperty("log_index") long logIndex, @JsonProperty("keyring_term") long keyringTerm,
		@JsonProperty("entry_count") long entryCount, @JsonProperty("state_sha256") String stateSha256,
		@JsonProperty("state_size") long stateSize, @JsonProperty("created_time") Instant createdTime) {

	/** The only format this version writes and reads. */
	public static final int FORMAT_VERSION = 1;

}
