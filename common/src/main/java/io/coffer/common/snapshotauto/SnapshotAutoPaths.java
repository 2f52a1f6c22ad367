package io.coffer.common.snapshotauto;

/** The internal endpoints of automated snapshots, all on the active secrets node. */
public final class SnapshotAutoPaths {

	/**
	 * {@code GET} the configuration names (a JSON array of strings);
	 * {@code GET /internal/snapshot-auto/configs/<name>} one {@link AutoSnapshotEntry}
	 * (404 when unknown); {@code PUT} there an {@link AutoSnapshotPut}; {@code DELETE}
	 * there removes it (204 even when unknown).
	 */
	public static final String CONFIGS = "/internal/snapshot-auto/configs";

	/**
	 * {@code POST /internal/snapshot-auto/configs/<name>/claim} with a {@link TickClaim},
	 * answered with the {@link TickClaim} stored after the check-and-set.
	 */
	public static final String CLAIM_SUFFIX = "/claim";

	/**
	 * {@code PUT /internal/snapshot-auto/configs/<name>/status} with the status object (a
	 * JSON object); 404 when the configuration is gone.
	 */
	public static final String STATUS_SUFFIX = "/status";

	/**
	 * {@code GET}: a snapshot of the active node's replica, streamed
	 * ({@code application/octet-stream}, exact {@code Content-Length}).
	 */
	public static final String SNAPSHOT = "/internal/snapshot-auto/snapshot";

	/**
	 * {@code POST} a snapshot archive (the body, streamed): any unsealed node checks it
	 * as a restore would and decrypts every barrier entry under the snapshot's keyring,
	 * answering a {@link SnapshotVerification}, or {@code 400} naming what failed.
	 * Nothing is stored.
	 */
	public static final String VERIFY = "/internal/snapshot-auto/verify";

	/** The audience of identities addressed to snapshot-service. */
	public static final String AUDIENCE = "coffer-snapshot";

	/** The caller name snapshot-service signs its calls to the nodes with. */
	public static final String CALLER = "snapshot";

	private SnapshotAutoPaths() {
	}

}
