package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathOperation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.storage.StorageOp;

/**
 * {@code delete/<path>}, {@code undelete/<path>} and {@code destroy/<path>} with
 * {@code {"versions":[...]}}. Versions that do not exist are skipped, as in Vault.
 */
final class KvV2VersionOps {

	/** The three operations, each its own path group named by {@link #prefix()}. */
	enum Kind {

		DELETE, UNDELETE, DESTROY;

		String prefix() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final KvV2Store store;

	private final Clock clock;

	KvV2VersionOps(KvV2Store store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * {@code delete/<path>}, {@code undelete/<path>}, {@code destroy/<path>}: writes
	 * only.
	 */
	List<PathSpec> paths() {
		List<PathSpec> paths = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			PathOperation write = (request, caller) -> handle(request, kind);
			paths.add(PathSpec.path(kind.prefix() + "/.*").on(Operation.CREATE, write).on(Operation.UPDATE, write));
		}
		return List.copyOf(paths);
	}

	private LogicalResponse handle(LogicalRequest request, Kind kind) {
		String path = KvV2DataPaths.key(request);
		List<Long> versions = KvFields.integerList(request.data(), "versions");
		if (versions.isEmpty()) {
			// Vault's two spellings of this message differ in case; both are kept.
			throw VaultErrors
				.badRequest((kind == Kind.DESTROY) ? "no version number provided" : "No version number provided");
		}
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			KeyMetadata metadata = this.store.metadata(path).orElse(null);
			if (metadata == null) {
				return LogicalResponse.empty();
			}
			List<StorageOp> batch = new ArrayList<>();
			KeyMetadata updated = switch (kind) {
				case DELETE -> delete(metadata, versions);
				case UNDELETE -> undelete(metadata, versions);
				case DESTROY -> destroy(metadata, versions, batch);
			};
			batch.add(this.store.putMetadata(updated));
			this.store.write(batch);
			return LogicalResponse.empty();
		}
		finally {
			lock.unlock();
		}
	}

	private KeyMetadata delete(KeyMetadata metadata, List<Long> versions) {
		Instant now = this.clock.instant();
		KeyMetadata updated = metadata;
		for (long number : versions) {
			VersionMetadata version = updated.version(number);
			if (version != null && version.isLive(now)) {
				updated = updated.withVersion(number, version.withDeletionTime(now));
			}
		}
		return updated;
	}

	private KeyMetadata undelete(KeyMetadata metadata, List<Long> versions) {
		Instant now = this.clock.instant();
		// An undeleted version gets a fresh lifetime when delete_version_after applies.
		Instant expiry = KvV2VersionWriter.deletionTime(now, this.store.config(), metadata);
		KeyMetadata updated = metadata;
		for (long number : versions) {
			VersionMetadata version = updated.version(number);
			if (version != null && !version.destroyed()) {
				updated = updated.withVersion(number, version.withDeletionTime(expiry));
			}
		}
		return updated;
	}

	private KeyMetadata destroy(KeyMetadata metadata, List<Long> versions, List<StorageOp> batch) {
		KeyMetadata updated = metadata;
		for (long number : versions) {
			VersionMetadata version = updated.version(number);
			if (version != null && !version.destroyed()) {
				updated = updated.withVersion(number, version.asDestroyed());
				batch.add(this.store.deleteVersion(metadata.path(), number));
			}
		}
		return updated;
	}

}
