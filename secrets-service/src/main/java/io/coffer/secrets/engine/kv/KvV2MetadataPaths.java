package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.support.VaultDurations;

/**
 * {@code metadata/<path>}: list keys, read a key's metadata, change its settings (POST
 * replaces the given fields, PATCH merges), delete the key with every version.
 */
final class KvV2MetadataPaths {

	private static final String CAS_IGNORED_WARNING = "\"cas_required\" set to false, but is mandated by backend config. This value will be ignored.";

	private static final String MAX_VERSIONS = "max_versions";

	private static final String CAS_REQUIRED = "cas_required";

	private static final String DELETE_VERSION_AFTER = "delete_version_after";

	private static final String CUSTOM_METADATA = "custom_metadata";

	private final KvV2Store store;

	private final Clock clock;

	KvV2MetadataPaths(KvV2Store store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * {@code metadata/<path>}, every operation; {@code list} on {@code metadata/} (an
	 * empty key) lists the mount's top level.
	 */
	PathSpec path() {
		return PathSpec.path("metadata/.*")
			.on(Operation.LIST, (request, caller) -> list(KvV2DataPaths.key(request)))
			.on(Operation.READ, (request, caller) -> read(KvV2DataPaths.key(request)))
			.on(Operation.CREATE, (request, caller) -> write(KvV2DataPaths.key(request), request.data()))
			.on(Operation.UPDATE, (request, caller) -> write(KvV2DataPaths.key(request), request.data()))
			.on(Operation.PATCH, (request, caller) -> patch(KvV2DataPaths.key(request), request.data()))
			.on(Operation.DELETE, (request, caller) -> delete(KvV2DataPaths.key(request)));
	}

	boolean exists(String path) {
		return this.store.metadata(path).isPresent();
	}

	private LogicalResponse list(String folder) {
		List<String> keys = this.store.listKeys(folder);
		if (keys.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", keys));
	}

	private LogicalResponse read(String path) {
		return LogicalResponse.data(this.store.metadata(path).orElseThrow(VaultException::notFound).toResponse());
	}

	private LogicalResponse write(String path, Map<String, Object> data) {
		KvV2DataPaths.requirePath(path);
		Integer maxVersions = maxVersions(data);
		Boolean casRequired = KvFields.bool(data, CAS_REQUIRED).orElse(null);
		Long deleteVersionAfter = KvFields.present(data, DELETE_VERSION_AFTER)
				? VaultDurations.parseSeconds(data.get(DELETE_VERSION_AFTER), DELETE_VERSION_AFTER) : null;
		Map<String, String> custom = KvFields.object(data, CUSTOM_METADATA).map(CustomMetadata::parse).orElse(null);
		if (maxVersions == null && casRequired == null && deleteVersionAfter == null && custom == null) {
			return LogicalResponse.empty();
		}
		List<String> warnings = casWarning(casRequired);
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path)
				.orElseGet(() -> KeyMetadata.empty(path, this.clock.instant()));
			KeySettings old = metadata.settings();
			KeySettings settings = new KeySettings((maxVersions != null) ? maxVersions : old.maxVersions(),
					(casRequired != null) ? casRequired : old.casRequired(),
					(deleteVersionAfter != null) ? deleteVersionAfter : old.deleteVersionAfterSeconds(),
					(custom != null) ? custom : old.customMetadata());
			this.store.write(List.of(this.store.putMetadata(metadata.withSettings(settings))));
		}
		finally {
			lock.unlock();
		}
		return LogicalResponse.empty().withWarnings(warnings);
	}

	/**
	 * A merge patch of the settings: a field set to null returns to its zero value, and
	 * custom_metadata merges key by key.
	 */
	private LogicalResponse patch(String path, Map<String, Object> data) {
		KvV2DataPaths.requirePath(path);
		Integer maxVersions = maxVersions(data);
		Boolean casRequired = KvFields.bool(data, CAS_REQUIRED).orElse(null);
		Long deleteVersionAfter = KvFields.present(data, DELETE_VERSION_AFTER)
				? VaultDurations.parseSeconds(data.get(DELETE_VERSION_AFTER), DELETE_VERSION_AFTER) : null;
		Map<String, Object> customPatch = KvFields.object(data, CUSTOM_METADATA).orElse(null);
		List<String> warnings = casWarning(casRequired);
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path).orElseThrow(VaultException::notFound);
			KeySettings old = metadata.settings();
			KeySettings settings = new KeySettings(patched(data, MAX_VERSIONS, maxVersions, old.maxVersions(), 0),
					patched(data, CAS_REQUIRED, casRequired, old.casRequired(), false),
					patched(data, DELETE_VERSION_AFTER, deleteVersionAfter, old.deleteVersionAfterSeconds(), 0L),
					data.containsKey(CUSTOM_METADATA) ? ((customPatch != null)
							? CustomMetadata.patch(old.customMetadata(), customPatch) : Map.of())
							: old.customMetadata());
			this.store.write(List.of(this.store.putMetadata(metadata.withSettings(settings))));
		}
		finally {
			lock.unlock();
		}
		return LogicalResponse.empty().withWarnings(warnings);
	}

	private LogicalResponse delete(String path) {
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path).orElse(null);
			if (metadata == null) {
				return LogicalResponse.empty();
			}
			List<StorageOp> batch = new ArrayList<>();
			for (long number : metadata.versions().keySet()) {
				batch.add(this.store.deleteVersion(path, number));
			}
			batch.add(this.store.deleteMetadata(path));
			this.store.write(batch);
			return LogicalResponse.empty();
		}
		finally {
			lock.unlock();
		}
	}

	private List<String> casWarning(Boolean casRequired) {
		if (Boolean.FALSE.equals(casRequired) && this.store.config().casRequired()) {
			return List.of(CAS_IGNORED_WARNING);
		}
		return List.of();
	}

	private static <T> T patched(Map<String, Object> data, String field, T given, T old, T zero) {
		if (!data.containsKey(field)) {
			return old;
		}
		return (given != null) ? given : zero;
	}

	/** {@code max_versions}, shared with the mount config: a non-negative int or null. */
	static Integer maxVersions(Map<String, Object> data) {
		OptionalLong value = KvFields.integer(data, MAX_VERSIONS);
		if (value.isEmpty()) {
			return null;
		}
		if (value.getAsLong() < 0 || value.getAsLong() > Integer.MAX_VALUE) {
			throw KvFields.invalid(MAX_VERSIONS, "a non-negative integer");
		}
		return (int) value.getAsLong();
	}

}
