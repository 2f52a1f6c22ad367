package io.coffer.secrets.kernel;

/**
 * A request that reads a loaded snapshot instead of live data (Vault Enterprise's
 * single-item recovery): a read or list with {@code read_snapshot_id}, or a recover
 * ({@code RECOVER}, or {@code PUT}/{@code POST} with {@code X-Vault-Recover-Snapshot-Id}
 * or the deprecated {@code recover_snapshot_id} query parameter).
 *
 * @param snapshotId the loaded snapshot's id
 * @param recover whether the snapshot's item is to be written back to live data
 * @param sourcePath for a recover, the full path to read in the snapshot when it is not
 * the request's own ({@code X-Vault-Recover-Source-Path}); null otherwise
 */
public record SnapshotAccess(String snapshotId, boolean recover, String sourcePath) {

	/** Header naming the snapshot of a recover. */
	public static final String SNAPSHOT_ID_HEADER = "X-Vault-Recover-Snapshot-Id";

	/** Header naming the path to recover from, when it differs from the request's. */
	public static final String SOURCE_PATH_HEADER = "X-Vault-Recover-Source-Path";

	/** Query parameter naming the snapshot of a read or list. */
	public static final String READ_PARAMETER = "read_snapshot_id";

	/** Vault 1.20's query parameter for a recover's snapshot (deprecated in 1.21). */
	public static final String RECOVER_PARAMETER = "recover_snapshot_id";

}
