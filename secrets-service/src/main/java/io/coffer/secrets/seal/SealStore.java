package io.coffer.secrets.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.coffer.secrets.core.Json;
import io.coffer.secrets.storage.RequestWrites;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.storage.StorageOp;

/**
 * The seal's records in storage, outside the barrier (they are needed while sealed): the
 * configuration, the protected root key and the recovery key check. Changes to them are
 * written as one atomic batch, so a failed rekey or migration leaves the old state whole.
 */
final class SealStore {

	static final String SEAL_CONFIG_PATH = "core/seal-config";

	static final String ROOT_KEY_PATH = RootKeyProtector.ROOT_KEY_PATH;

	static final String RECOVERY_CHECK_PATH = "core/recovery-key-check";

	private final Storage storage;

	SealStore(Storage storage) {
		this.storage = RequestWrites.tracked(storage);
	}

	Optional<SealConfig> config() {
		return this.storage.get(SEAL_CONFIG_PATH).map((bytes) -> Json.read(bytes, SealConfig.class));
	}

	byte[] protectedRootKey() {
		return this.storage.get(ROOT_KEY_PATH)
			.orElseThrow(() -> new IllegalStateException("the protected root key is missing from storage"));
	}

	Optional<RecoveryKeyCheck> recoveryCheck() {
		return this.storage.get(RECOVERY_CHECK_PATH).map((bytes) -> Json.read(bytes, RecoveryKeyCheck.class));
	}

	/**
	 * Replaces the seal state in one batch.
	 * @param protectedRootKey the root key as the seal protects it
	 * @param recoveryCheck the recovery key check; null removes it (Shamir has none)
	 */
	void replace(SealConfig config, byte[] protectedRootKey, RecoveryKeyCheck recoveryCheck) {
		List<StorageOp> ops = new ArrayList<>();
		ops.add(new StorageOp.Put(ROOT_KEY_PATH, protectedRootKey));
		ops.add((recoveryCheck != null) ? new StorageOp.Put(RECOVERY_CHECK_PATH, Json.write(recoveryCheck))
				: new StorageOp.Delete(RECOVERY_CHECK_PATH));
		// The configuration marks the cluster initialized, so it is the last op of the
		// batch that creates it.
		ops.add(new StorageOp.Put(SEAL_CONFIG_PATH, Json.write(config)));
		this.storage.write(ops);
	}

}
