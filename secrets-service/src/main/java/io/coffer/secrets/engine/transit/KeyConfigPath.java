package io.coffer.secrets.engine.transit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code keys/:name/rotate} and {@code keys/:name/config}, writes only (as
 * {@link TransitEngine} declares them); both answer the key info.
 */
final class KeyConfigPath {

	private final KeyStore store;

	KeyConfigPath(KeyStore store) {
		this.store = store;
	}

	LogicalResponse rotate(String name) {
		try (KeyPolicy policy = this.store.rotate(name)) {
			return LogicalResponse.data(KeyInfo.of(policy, null));
		}
	}

	LogicalResponse config(LogicalRequest request, String name) {
		List<String> warnings = new ArrayList<>();
		try (KeyPolicy policy = this.store.change(name, "no existing key named " + name + " could be found",
				(current) -> apply(current, request.data(), warnings))) {
			return LogicalResponse.data(KeyInfo.of(policy, null)).withWarnings(warnings);
		}
	}

	private static KeyPolicy apply(KeyPolicy policy, Map<String, Object> data, List<String> warnings) {
		KeyConfig config = policy.config();
		int minDecryption = config.minDecryptionVersion();
		if (TransitFields.has(data, "min_decryption_version")) {
			int requested = TransitFields.integer(data, "min_decryption_version", 0);
			if (requested < 0) {
				throw VaultException.badRequest("min decryption version cannot be negative");
			}
			if (requested == 0) {
				requested = 1;
				warnings.add("since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1");
			}
			if (requested > policy.latestVersion()) {
				throw VaultException.badRequest("cannot set min decryption version of " + requested
						+ ", latest key version is " + policy.latestVersion());
			}
			minDecryption = requested;
		}
		int minEncryption = config.minEncryptionVersion();
		if (TransitFields.has(data, "min_encryption_version")) {
			minEncryption = TransitFields.integer(data, "min_encryption_version", 0);
			if (minEncryption < 0) {
				throw VaultException.badRequest("min encryption version cannot be negative");
			}
			if (minEncryption > policy.latestVersion()) {
				throw VaultException.badRequest("cannot set min encryption version of " + minEncryption
						+ ", latest key version is " + policy.latestVersion());
			}
		}
		if (minEncryption > 0 && minEncryption < minDecryption) {
			throw VaultException.badRequest("cannot set min encryption/decryption values; min encryption version of "
					+ minEncryption + " must be greater than or equal to min decryption version of " + minDecryption);
		}
		KeyConfig next = config.withVersions(minDecryption, minEncryption)
			.withFlags(flag(data, "deletion_allowed", config.deletionAllowed(), null),
					flag(data, "exportable", config.exportable(), "exportable key cannot be made non-exportable"),
					flag(data, "allow_plaintext_backup", config.allowPlaintextBackup(),
							"plaintext backup cannot be disabled once it is enabled"));
		if (TransitFields.has(data, "auto_rotate_period")) {
			next = next.withAutoRotateSeconds(KeysPath.autoRotateSeconds(data));
		}
		return next.equals(config) ? policy : policy.withConfig(next);
	}

	/**
	 * A boolean setting; when {@code oneWay} is set, it may be turned on but never off
	 * again (the error to give then).
	 */
	private static boolean flag(Map<String, Object> data, String field, boolean current, String oneWay) {
		if (!TransitFields.has(data, field)) {
			return current;
		}
		boolean requested = TransitFields.bool(data, field);
		if (oneWay != null && current && !requested) {
			throw VaultException.badRequest(oneWay);
		}
		return requested;
	}

}
