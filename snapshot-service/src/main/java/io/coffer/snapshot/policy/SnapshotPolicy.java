package io.coffer.snapshot.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validated automated-snapshot configuration, in Vault's terms.
 *
 * @param name the configuration's name
 * @param intervalSeconds time between snapshots
 * @param retain how many snapshots are kept
 * @param pathPrefix the directory ({@code local}) or key prefix in the bucket
 * ({@code aws-s3}) the snapshots are written to
 * @param filePrefix the snapshot files' name prefix
 * @param storageType where they are written ({@code local} or {@code aws-s3})
 * @param localMaxSpace the bytes all of this configuration's snapshots may take (0:
 * unlimited; {@code local} only)
 * @param s3 the bucket and credentials ({@code aws-s3} only, else {@code null})
 */
public record SnapshotPolicy(String name, long intervalSeconds, int retain, String pathPrefix, String filePrefix,
		String storageType, long localMaxSpace, S3Settings s3) {

	public static final String LOCAL = "local";

	public static final String AWS_S3 = "aws-s3";

	/** The fields a read never returns (Vault omits them too). */
	public static final List<String> SECRET_FIELDS = List.of("aws_secret_access_key", "aws_session_token");

	/**
	 * The fields as they are stored on the nodes, behind the barrier (secrets included:
	 * the scheduler needs them).
	 */
	public Map<String, Object> fields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("interval", this.intervalSeconds);
		fields.put("retain", this.retain);
		fields.put("path_prefix", this.pathPrefix);
		fields.put("file_prefix", this.filePrefix);
		fields.put("storage_type", this.storageType);
		if (this.s3 == null) {
			fields.put("local_max_space", this.localMaxSpace);
		}
		else {
			fields.put("aws_s3_bucket", this.s3.bucket());
			fields.put("aws_s3_region", this.s3.region());
			fields.put("aws_s3_endpoint", this.s3.endpoint());
			fields.put("aws_s3_force_path_style", this.s3.forcePathStyle());
			fields.put("aws_access_key_id", this.s3.credentials().accessKeyId());
			fields.put("aws_secret_access_key", this.s3.credentials().secretAccessKey());
			fields.put("aws_session_token", this.s3.credentials().sessionToken());
			fields.put("aws_s3_server_side_encryption", this.s3.encryption().aes256());
			fields.put("aws_s3_enable_kms", this.s3.encryption().kms());
			fields.put("aws_s3_kms_key", this.s3.encryption().kmsKey());
		}
		return fields;
	}

	/** Stored fields as a read answers them: without {@link #SECRET_FIELDS}. */
	public static Map<String, Object> readable(Map<String, Object> stored) {
		Map<String, Object> fields = new LinkedHashMap<>(stored);
		SECRET_FIELDS.forEach(fields::remove);
		return fields;
	}

}
