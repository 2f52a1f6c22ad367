package io.coffer.snapshot.policy;

/**
 * Where and how a {@code storage_type=aws-s3} configuration stores its snapshots, with
 * Vault Enterprise's field names (README.md "storage_type aws-s3").
 *
 * @param bucket {@code aws_s3_bucket}
 * @param region {@code aws_s3_region} (empty: the SDK's default region chain)
 * @param endpoint {@code aws_s3_endpoint} as a URL with its scheme (empty: AWS)
 * @param forcePathStyle {@code aws_s3_force_path_style}
 * @param credentials the static keys, or none for the SDK's default credential chain
 * @param encryption server-side encryption of the objects
 */
public record S3Settings(String bucket, String region, String endpoint, boolean forcePathStyle,
		S3Credentials credentials, S3Encryption encryption) {

	/**
	 * {@code aws_access_key_id}, {@code aws_secret_access_key} and
	 * {@code aws_session_token}; all empty means the SDK's default credential chain.
	 */
	public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

		public static final S3Credentials DEFAULT_CHAIN = new S3Credentials("", "", "");

		public boolean isStatic() {
			return !this.accessKeyId.isEmpty();
		}

		/** Never shows the secret key or the session token. */
		@Override
		public String toString() {
			return isStatic() ? "S3Credentials[static " + this.accessKeyId + "]" : "S3Credentials[default chain]";
		}

	}

	/**
	 * {@code aws_s3_server_side_encryption} (SSE-S3, AES256) or {@code aws_s3_enable_kms}
	 * with the optional {@code aws_s3_kms_key} (SSE-KMS).
	 */
	public record S3Encryption(boolean aes256, boolean kms, String kmsKey) {

		public static final S3Encryption NONE = new S3Encryption(false, false, "");

	}

}
