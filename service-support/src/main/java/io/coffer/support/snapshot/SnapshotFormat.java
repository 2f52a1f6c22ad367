package io.coffer.support.snapshot;

/**
 * The layout of a Coffer snapshot, shaped like Vault's: a gzip-compressed tar of exactly
 * three regular files, in this order:
 * <ol>
 * <li>{@value #META}: the {@link io.coffer.common.snapshot.SnapshotManifest} as
 * JSON;</li>
 * <li>{@value #STATE}: every stored key/value pair of the replica, as stored
 * (barrier-encrypted values), in ascending unsigned byte order of the UTF-8 keys, each
 * pair as a 4-byte big-endian key length, the key, a 4-byte big-endian value length, the
 * value;</li>
 * <li>{@value #SUMS}: {@code sha256sum}'s output for the two files above
 * ({@code <hex>  meta.json}, {@code <hex>  state.bin}).</li>
 * </ol>
 */
public final class SnapshotFormat {

	public static final String META = "meta.json";

	public static final String STATE = "state.bin";

	public static final String SUMS = "SHA256SUMS";

	/** Longest key accepted (storage keys are paths, far shorter). */
	public static final int MAX_KEY_BYTES = 64 * 1024;

	/** Largest value accepted; a log entry, and so any value, is at most 1 MiB. */
	public static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

	static final int MAX_META_BYTES = 64 * 1024;

	static final int MAX_SUMS_BYTES = 4 * 1024;

	public static final String CONTENT_TYPE = "application/octet-stream";

	private SnapshotFormat() {
	}

}
