package io.coffer.snapshot.policy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.vault.VaultValues;

/**
 * Validates a {@code sys/storage/raft/snapshot-auto/config/<name>} write as Vault
 * Enterprise takes it: {@code interval} (seconds or a Go duration, required, at least
 * {@code coffer.snapshot.min-interval}), {@code retain} (default 1), {@code path_prefix}
 * (required), {@code file_prefix} (default {@code vault-snapshot}), {@code storage_type}
 * ({@code local} with {@code local_max_space} in bytes, 0 = unlimited, or {@code aws-s3}
 * with the {@code aws_*} fields of {@link S3Fields}). A write to an existing
 * configuration changes only the fields it gives. Every refusal is a 400 naming the
 * field.
 */
public final class PolicyParser {

	public static final String DEFAULT_FILE_PREFIX = "vault-snapshot";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private static final Pattern FILE_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private static final List<String> LOCAL_FIELDS = List.of("local_max_space");

	private final Duration minInterval;

	public PolicyParser(Duration minInterval) {
		this.minInterval = minInterval;
	}

	/** Checks a configuration name (also the last segment of its URL). */
	public static String name(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new VaultErrorException(400,
					"invalid config name: letters, digits, '.', '_' and '-' only, at most 128 characters");
		}
		return name;
	}

	/**
	 * @param existing the stored fields when the configuration exists (empty otherwise)
	 * @param request the write's fields
	 */
	public SnapshotPolicy parse(String name, Map<String, Object> existing, Map<String, Object> request) {
		Map<String, Object> fields = new HashMap<>(existing);
		Object requestedType = request.get("storage_type");
		if (requestedType != null && !requestedType.equals(existing.get("storage_type"))) {
			// a new storage type starts without the old type's fields
			LOCAL_FIELDS.forEach(fields::remove);
			S3Fields.NAMES.forEach(fields::remove);
		}
		request.forEach((key, value) -> {
			if (value != null) {
				fields.put(key, value);
			}
		});
		String storageType = string(fields, "storage_type");
		if (storageType.isEmpty()) {
			throw new VaultErrorException(400, "missing \"storage_type\"");
		}
		if (!SnapshotPolicy.LOCAL.equals(storageType) && !SnapshotPolicy.AWS_S3.equals(storageType)) {
			throw new VaultErrorException(400, "unsupported storage_type \"" + storageType
					+ "\": this version stores snapshots in a local directory (local) or an S3 bucket (aws-s3)");
		}
		long interval = interval(fields.get("interval"));
		long retain = integer(fields, "retain", 1);
		if (retain < 1) {
			throw new VaultErrorException(400, "\"retain\" must be at least 1");
		}
		String pathPrefix = string(fields, "path_prefix");
		if (pathPrefix.isEmpty()) {
			throw new VaultErrorException(400, "missing \"path_prefix\"");
		}
		String filePrefix = string(fields, "file_prefix");
		filePrefix = filePrefix.isEmpty() ? DEFAULT_FILE_PREFIX : filePrefix;
		if (!FILE_PREFIX.matcher(filePrefix).matches()) {
			throw new VaultErrorException(400,
					"invalid \"file_prefix\": letters, digits, '.', '_' and '-' only, at most 128 characters");
		}
		long maxSpace = integer(fields, "local_max_space", 0);
		if (maxSpace < 0) {
			throw new VaultErrorException(400, "\"local_max_space\" must not be negative");
		}
		S3Settings s3 = null;
		if (SnapshotPolicy.AWS_S3.equals(storageType)) {
			if (maxSpace != 0) {
				throw new VaultErrorException(400, "\"local_max_space\" applies to storage_type=local only");
			}
			s3 = S3Fields.parse(fields);
		}
		else {
			S3Fields.refuseWithLocal(fields);
		}
		return new SnapshotPolicy(name(name), interval, (int) Math.min(retain, Integer.MAX_VALUE), pathPrefix,
				filePrefix, storageType, maxSpace, s3);
	}

	/** A stored configuration (already validated when it was written). */
	public static SnapshotPolicy stored(String name, Map<String, Object> fields) {
		String storageType = string(fields, "storage_type");
		return new SnapshotPolicy(name, integer(fields, "interval", 0), (int) integer(fields, "retain", 1),
				string(fields, "path_prefix"), string(fields, "file_prefix"), storageType,
				integer(fields, "local_max_space", 0),
				SnapshotPolicy.AWS_S3.equals(storageType) ? S3Fields.parse(fields) : null);
	}

	private long interval(Object value) {
		if (value == null || "".equals(value)) {
			throw new VaultErrorException(400, "missing \"interval\"");
		}
		long seconds = VaultValues.durationSeconds(value, "interval");
		if (seconds < this.minInterval.toSeconds()) {
			throw new VaultErrorException(400,
					"\"interval\" must be at least " + this.minInterval.toSeconds() + " seconds");
		}
		return seconds;
	}

	static long integer(Map<String, Object> fields, String field, long fallback) {
		Object value = fields.get(field);
		if (value == null || "".equals(value)) {
			return fallback;
		}
		if (value instanceof Number number) {
			if (number.doubleValue() != Math.rint(number.doubleValue())) {
				throw invalid(field);
			}
			return number.longValue();
		}
		try {
			return Long.parseLong(String.valueOf(value).strip());
		}
		catch (NumberFormatException ex) {
			throw invalid(field);
		}
	}

	static String string(Map<String, Object> fields, String field) {
		Object value = fields.get(field);
		if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
			throw invalid(field);
		}
		return (value != null) ? String.valueOf(value).strip() : "";
	}

	static VaultErrorException invalid(String field) {
		return new VaultErrorException(400, "error converting input for field \"" + field + "\"");
	}

}
