package io.coffer.secrets.engine.kv;

import java.util.Map;
import java.util.OptionalLong;

/** Vault's check-and-set rule for data writes and patches. */
final class CheckAndSet {

	private CheckAndSet() {
	}

	/**
	 * Passes when {@code options.cas} equals the key's current version (0 = the key has
	 * no version yet, i.e. create-only), or when it is absent and neither the mount nor
	 * the key requires it.
	 * @param options the request's {@code options} object, possibly empty
	 */
	static void check(Map<String, Object> options, KvConfig config, KeyMetadata metadata) {
		Object raw = options.get("cas");
		if (raw != null) {
			OptionalLong cas = KvFields.toLong(raw);
			if (cas.isEmpty()) {
				throw VaultErrors.badRequest(VaultErrors.CAS_UNPARSABLE);
			}
			if (cas.getAsLong() != metadata.currentVersion()) {
				throw VaultErrors.badRequest(VaultErrors.CAS_MISMATCH);
			}
		}
		else if (config.casRequired() || metadata.casRequired()) {
			throw VaultErrors.badRequest(VaultErrors.CAS_REQUIRED);
		}
	}

}
