package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.engine.transit.crypto.Ed25519Keys;

/**
 * The key description {@code GET keys/:name} (and create, rotate, config) answers, with
 * every field Vault returns. It carries public keys only, never private material.
 */
final class KeyInfo {

	/** Vault's current convergent encryption scheme, the only one served. */
	static final int CONVERGENT_VERSION = 3;

	private KeyInfo() {
	}

	/**
	 * @param context for a derived ed25519 key, the context whose public keys to show
	 * (empty: public keys are blank, as in Vault)
	 */
	static Map<String, Object> of(KeyPolicy policy, byte[] context) {
		KeyType type = policy.type();
		KeyConfig config = policy.config();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("name", policy.name());
		data.put("type", type.vaultName());
		data.put("derived", config.derived());
		data.put("deletion_allowed", config.deletionAllowed());
		// Versions are never trimmed here, so none is unavailable (Vault reports 0 then).
		data.put("min_available_version", 0);
		data.put("min_decryption_version", config.minDecryptionVersion());
		data.put("min_encryption_version", config.minEncryptionVersion());
		data.put("latest_version", policy.latestVersion());
		data.put("exportable", config.exportable());
		data.put("allow_plaintext_backup", config.allowPlaintextBackup());
		data.put("supports_encryption", type.supportsEncryption());
		data.put("supports_decryption", type.supportsEncryption());
		data.put("supports_signing", type.supportsSigning());
		data.put("supports_derivation", type.supportsDerivation());
		data.put("auto_rotate_period", config.autoRotateSeconds());
		data.put("imported_key", false);
		if (config.keySize() != 0) {
			data.put("key_size", config.keySize());
		}
		if (config.derived()) {
			data.put("kdf", "hkdf_sha256");
			data.put("convergent_encryption", config.convergent());
			if (config.convergent()) {
				data.put("convergent_encryption_version", CONVERGENT_VERSION);
			}
		}
		data.put("keys", keys(policy, context));
		return data;
	}

	private static Map<String, Object> keys(KeyPolicy policy, byte[] context) {
		Map<String, Object> keys = new LinkedHashMap<>();
		KeyType.Family family = policy.type().family();
		policy.versions().forEach((version, entry) -> {
			if (family == KeyType.Family.SYMMETRIC || family == KeyType.Family.HMAC) {
				keys.put(version.toString(), entry.created().getEpochSecond());
				return;
			}
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("name", keyName(policy.type()));
			key.put("public_key", publicKey(policy, version, context));
			key.put("creation_time", entry.created().toString());
			keys.put(version.toString(), key);
		});
		return keys;
	}

	private static String publicKey(KeyPolicy policy, int version, byte[] context) {
		if (policy.type() != KeyType.ED25519 || !policy.config().derived()) {
			return policy.version(version).publicKey();
		}
		if (context == null || context.length == 0) {
			return "";
		}
		byte[] derived = Derivation.ed25519Key(policy, version, context);
		try {
			return Base64.getEncoder().encodeToString(Ed25519Keys.publicKey(derived));
		}
		finally {
			Bytes.wipe(derived);
		}
	}

	/**
	 * Vault's per-version name: Go's curve name, {@code ed25519} or {@code rsa-<bits>}.
	 */
	private static String keyName(KeyType type) {
		return switch (type.family()) {
			case ECDSA -> type.curve().goName();
			case ED25519 -> "ed25519";
			default -> type.vaultName();
		};
	}

}
