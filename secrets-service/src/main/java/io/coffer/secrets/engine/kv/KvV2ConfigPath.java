package io.coffer.secrets.engine.kv;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.support.VaultDurations;

/** {@code config}: the mount's max_versions, cas_required and delete_version_after. */
final class KvV2ConfigPath {

	private final KvV2Store store;

	KvV2ConfigPath(KvV2Store store) {
		this.store = store;
	}

	/** {@code config} exactly: read and write ({@code config/...} is no path). */
	PathSpec path() {
		return PathSpec.path("config")
			.on(Operation.READ, (request, caller) -> LogicalResponse.data(this.store.config().toResponse()))
			.on(Operation.CREATE, (request, caller) -> write(request.data()))
			.on(Operation.UPDATE, (request, caller) -> write(request.data()));
	}

	private LogicalResponse write(Map<String, Object> data) {
		Integer maxVersions = KvV2MetadataPaths.maxVersions(data);
		Boolean casRequired = KvFields.bool(data, "cas_required").orElse(null);
		Long deleteVersionAfter = KvFields.present(data, "delete_version_after")
				? signedSeconds(data.get("delete_version_after")) : null;
		if (maxVersions == null && casRequired == null && deleteVersionAfter == null) {
			return LogicalResponse.empty();
		}
		ReentrantLock lock = this.store.configLock();
		lock.lock();
		try {
			KvConfig current = this.store.config();
			this.store.saveConfig(new KvConfig((maxVersions != null) ? maxVersions : current.maxVersions(),
					(casRequired != null) ? casRequired : current.casRequired(),
					(deleteVersionAfter != null) ? deleteVersionAfter : current.deleteVersionAfterSeconds()));
			return LogicalResponse.empty();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The mount accepts a negative duration, which disables delete_version_after for
	 * every key (stored as -1).
	 */
	private static long signedSeconds(Object value) {
		long seconds = VaultDurations.parseSigned(value, "delete_version_after").toSeconds();
		return (seconds < 0) ? -1 : seconds;
	}

}
