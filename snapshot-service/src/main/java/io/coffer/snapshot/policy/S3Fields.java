package io.coffer.snapshot.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.snapshot.policy.S3Settings.S3Credentials;
import io.coffer.snapshot.policy.S3Settings.S3Encryption;
import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.vault.VaultValues;

/**
 * The {@code storage_type=aws-s3} fields, named as Vault Enterprise names them. Every
 * refusal is a 400 naming the field; no refusal quotes a secret.
 */
final class S3Fields {

	static final List<String> NAMES = List.of("aws_s3_bucket", "aws_s3_region", "aws_s3_endpoint",
			"aws_s3_force_path_style", "aws_s3_disable_tls", "aws_access_key_id", "aws_secret_access_key",
			"aws_session_token", "aws_s3_server_side_encryption", "aws_s3_enable_kms", "aws_s3_kms_key");

	/** S3's bucket names, loosened for S3-compatible servers (upper case, '_'). */
	private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");

	private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private S3Fields() {
	}

	static S3Settings parse(Map<String, Object> fields) {
		String bucket = PolicyParser.string(fields, "aws_s3_bucket");
		if (bucket.isEmpty()) {
			throw new VaultErrorException(400, "missing \"aws_s3_bucket\" (required with storage_type=aws-s3)");
		}
		if (!BUCKET.matcher(bucket).matches()) {
			throw new VaultErrorException(400, "invalid \"aws_s3_bucket\": letters, digits, '.', '_' and '-' only");
		}
		String region = PolicyParser.string(fields, "aws_s3_region");
		if (!region.isEmpty() && !REGION.matcher(region).matches()) {
			throw new VaultErrorException(400, "invalid \"aws_s3_region\": e.g. us-east-1");
		}
		boolean disableTls = VaultValues.bool(fields.get("aws_s3_disable_tls"), "aws_s3_disable_tls", false);
		String endpoint = endpoint(PolicyParser.string(fields, "aws_s3_endpoint"), disableTls);
		boolean pathStyle = VaultValues.bool(fields.get("aws_s3_force_path_style"), "aws_s3_force_path_style", false);
		return new S3Settings(bucket, region, endpoint, pathStyle, credentials(fields), encryption(fields));
	}

	/**
	 * A {@code local} configuration takes no {@code aws_*} field (empty or false ones
	 * pass).
	 */
	static void refuseWithLocal(Map<String, Object> fields) {
		for (String name : NAMES) {
			Object value = fields.get(name);
			if (value != null && !"".equals(value) && !Boolean.FALSE.equals(value) && !"false".equals(value)) {
				throw new VaultErrorException(400, "\"" + name + "\" applies to storage_type=aws-s3 only");
			}
		}
	}

	private static String endpoint(String endpoint, boolean disableTls) {
		if (endpoint.isEmpty()) {
			if (disableTls) {
				throw new VaultErrorException(400, "\"aws_s3_disable_tls\" needs \"aws_s3_endpoint\"");
			}
			return "";
		}
		String url = endpoint.contains("://") ? endpoint : ((disableTls ? "http://" : "https://") + endpoint);
		try {
			URI uri = new URI(url);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
				throw new URISyntaxException(url, "not an http(s) endpoint");
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw new VaultErrorException(400, "invalid \"aws_s3_endpoint\": an http(s) URL or a host[:port]");
		}
	}

	private static S3Credentials credentials(Map<String, Object> fields) {
		String keyId = PolicyParser.string(fields, "aws_access_key_id");
		String secret = PolicyParser.string(fields, "aws_secret_access_key");
		String token = PolicyParser.string(fields, "aws_session_token");
		if (!keyId.isEmpty() && secret.isEmpty()) {
			throw new VaultErrorException(400, "missing \"aws_secret_access_key\" (required with aws_access_key_id)");
		}
		if (keyId.isEmpty() && !secret.isEmpty()) {
			throw new VaultErrorException(400, "missing \"aws_access_key_id\" (required with aws_secret_access_key)");
		}
		if (keyId.isEmpty() && !token.isEmpty()) {
			throw new VaultErrorException(400,
					"\"aws_session_token\" needs aws_access_key_id and aws_secret_access_key");
		}
		return keyId.isEmpty() ? S3Credentials.DEFAULT_CHAIN : new S3Credentials(keyId, secret, token);
	}

	private static S3Encryption encryption(Map<String, Object> fields) {
		boolean aes256 = VaultValues.bool(fields.get("aws_s3_server_side_encryption"), "aws_s3_server_side_encryption",
				false);
		boolean kms = VaultValues.bool(fields.get("aws_s3_enable_kms"), "aws_s3_enable_kms", false);
		String kmsKey = PolicyParser.string(fields, "aws_s3_kms_key");
		if (aes256 && kms) {
			throw new VaultErrorException(400,
					"\"aws_s3_server_side_encryption\" cannot be used with \"aws_s3_enable_kms\"");
		}
		if (!kmsKey.isEmpty() && !kms) {
			throw new VaultErrorException(400, "\"aws_s3_kms_key\" needs \"aws_s3_enable_kms\"");
		}
		return new S3Encryption(aes256, kms, kmsKey);
	}

}
