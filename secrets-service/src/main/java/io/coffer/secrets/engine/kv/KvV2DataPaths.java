package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code data/<path>}: read a version, write or patch a new one, soft-delete the latest.
 */
final class KvV2DataPaths {

	private final KvV2Store store;

	private final KvV2VersionWriter writer;

	private final Clock clock;

	KvV2DataPaths(KvV2Store store, KvV2VersionWriter writer, Clock clock) {
		this.store = store;
		this.writer = writer;
		this.clock = clock;
	}

	/**
	 * {@code data/<path>}, the key possibly empty (a write then answers
	 * {@code missing path}); {@code list} is not served (listing is {@code metadata/}'s).
	 */
	PathSpec path() {
		return PathSpec.path("data/.*")
			.on(Operation.READ, (request, caller) -> read(key(request), request.data()))
			.on(Operation.CREATE, (request, caller) -> write(key(request), request.data()))
			.on(Operation.UPDATE, (request, caller) -> write(key(request), request.data()))
			.on(Operation.PATCH, (request, caller) -> patch(key(request), request.data()))
			.on(Operation.DELETE, (request, caller) -> delete(key(request)));
	}

	/**
	 * Vault's existence check for {@code data/}: the key exists while its metadata does,
	 * so a soft-deleted or destroyed secret still needs {@code update} to be written
	 * again.
	 */
	boolean exists(String path) {
		return this.store.metadata(path).isPresent();
	}

	private LogicalResponse read(String path, Map<String, Object> data) {
		long requested = KvFields.integer(data, "version").orElse(0);
		KeyMetadata metadata = this.store.metadata(path).orElseThrow(VaultException::notFound);
		VersionResponses.Resolved resolved = VersionResponses.resolve(metadata, requested);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("data", null);
		out.put("metadata", metadata.versionResponse(resolved.number()));
		if (!resolved.version().isLive(this.clock.instant())) {
			return LogicalResponse.data(out).withStatus(404);
		}
		out.put("data", VersionResponses.loadData(this.store, path, resolved.number()));
		return LogicalResponse.data(out);
	}

	private LogicalResponse write(String path, Map<String, Object> data) {
		requirePath(path);
		Map<String, Object> secret = KvFields.object(data, "data")
			.orElseThrow(() -> VaultErrors.badRequest(VaultErrors.NO_DATA));
		Map<String, Object> options = KvFields.object(data, "options").orElse(Map.of());
		KvConfig config = this.store.config();
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path)
				.orElseGet(() -> KeyMetadata.empty(path, this.clock.instant()));
			CheckAndSet.check(options, config, metadata);
			return LogicalResponse.data(this.writer.append(metadata, config, secret));
		}
		finally {
			lock.unlock();
		}
	}

	private LogicalResponse patch(String path, Map<String, Object> data) {
		Map<String, Object> patch = KvFields.object(data, "data")
			.orElseThrow(() -> VaultErrors.badRequest(VaultErrors.NO_DATA));
		Map<String, Object> options = KvFields.object(data, "options").orElse(Map.of());
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path).orElseThrow(VaultException::notFound);
			KvConfig config = this.store.config();
			CheckAndSet.check(options, config, metadata);
			VersionMetadata current = metadata.current();
			if (current == null) {
				throw VaultException.notFound();
			}
			if (!current.isLive(this.clock.instant())) {
				// Vault answers a patch of a deleted or destroyed secret with that
				// version's
				// metadata, flat in data, and a 404.
				return LogicalResponse.data(metadata.versionResponse(metadata.currentVersion())).withStatus(404);
			}
			Map<String, Object> existing = VersionResponses.loadData(this.store, path, metadata.currentVersion());
			return LogicalResponse
				.data(this.writer.append(metadata, config, MergePatch.applyToObject(existing, patch)));
		}
		finally {
			lock.unlock();
		}
	}

	private LogicalResponse delete(String path) {
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			Instant now = this.clock.instant();
			KeyMetadata metadata = this.store.metadata(path).orElse(null);
			if (metadata == null || metadata.current() == null || !metadata.current().isLive(now)) {
				return LogicalResponse.empty();
			}
			KeyMetadata updated = metadata.withVersion(metadata.currentVersion(),
					metadata.current().withDeletionTime(now));
			this.store.write(List.of(this.store.putMetadata(updated)));
			return LogicalResponse.empty();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The key a KV v2 path names: everything after its group's prefix ({@code data/},
	 * {@code metadata/}, ...), possibly empty.
	 */
	static String key(LogicalRequest request) {
		String path = request.path();
		return path.substring(path.indexOf('/') + 1);
	}

	static void requirePath(String path) {
		if (path.isEmpty()) {
			throw VaultErrors.badRequest(VaultErrors.MISSING_PATH);
		}
	}

}
