package io.coffer.secrets.engine.transit;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;

/**
 * {@code keys/}: list, and create, read and delete of one named key (the paths are
 * declared by {@link TransitEngine}).
 */
final class KeysPath {

	/** Vault's bounds for an {@code hmac} key's {@code key_size}, in bytes. */
	static final int HMAC_MIN_BYTES = 32;

	static final int HMAC_MAX_BYTES = 512;

	/** Vault refuses automatic rotation more often than hourly. */
	static final long MIN_AUTO_ROTATE_SECONDS = 3600;

	private final KeyStore store;

	KeysPath(KeyStore store) {
		this.store = store;
	}

	LogicalResponse list() {
		List<String> names = this.store.names();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", names));
	}

	/** Creates the key, or answers the existing one with a warning. */
	LogicalResponse create(String name, Map<String, Object> data) {
		KeyCreation creation = creation(data);
		KeyStore.Created created = this.store.create(name, creation);
		try (KeyPolicy policy = created.policy()) {
			LogicalResponse response = LogicalResponse.data(KeyInfo.of(policy, null));
			return created.created() ? response : response.withWarnings(List.of("key " + name + " already existed"));
		}
	}

	LogicalResponse read(String name, Map<String, Object> data) {
		byte[] context = EncryptPath.context(data);
		try (KeyPolicy policy = this.store.findForUse(name).orElseThrow(VaultException::notFound)) {
			return LogicalResponse.data(KeyInfo.of(policy, context));
		}
	}

	LogicalResponse delete(String name) {
		this.store.delete(name);
		return LogicalResponse.empty();
	}

	private static KeyCreation creation(Map<String, Object> data) {
		boolean derived = TransitFields.bool(data, "derived");
		boolean convergent = TransitFields.bool(data, "convergent_encryption");
		long autoRotate = autoRotateSeconds(data);
		if (!derived && convergent) {
			throw VaultException.badRequest("convergent encryption requires derivation to be enabled");
		}
		String typeName = TransitFields.string(data, "type");
		KeyType type = KeyType.parse(typeName.isEmpty() ? KeyType.AES256_GCM96.vaultName() : typeName);
		if (derived && !type.supportsDerivation()) {
			throw VaultException.badRequest(
					"key derivation and convergent encryption not supported for keys of type " + type.vaultName());
		}
		if (convergent && type.family() != KeyType.Family.SYMMETRIC) {
			throw VaultException.badRequest("convergent encryption not supported for keys of type " + type.vaultName());
		}
		int keySize = TransitFields.integer(data, "key_size", 0);
		if (keySize != 0 && type != KeyType.HMAC) {
			throw VaultException.badRequest("key_size is not valid for algorithm " + type.vaultName());
		}
		if (type == KeyType.HMAC) {
			keySize = (keySize == 0) ? HMAC_MIN_BYTES : keySize;
			if (keySize < HMAC_MIN_BYTES || keySize > HMAC_MAX_BYTES) {
				throw VaultException.badRequest("invalid key_size " + keySize);
			}
		}
		return new KeyCreation(type, derived, convergent, TransitFields.bool(data, "exportable"),
				TransitFields.bool(data, "allow_plaintext_backup"), autoRotate, keySize);
	}

	static long autoRotateSeconds(Map<String, Object> data) {
		long seconds = VaultDurations.parseSeconds(data.get("auto_rotate_period"), "auto_rotate_period");
		if (seconds != 0 && seconds < MIN_AUTO_ROTATE_SECONDS) {
			throw VaultException.badRequest("auto rotate period must be 0 to disable or at least an hour");
		}
		return seconds;
	}

}
