package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.storage.StorageOp;

/**
 * KV v2 records in the mount's view (layout in {@link KvStorageKeys}). Changes are built
 * as {@link StorageOp}s so that a version and the metadata naming it are written in one
 * atomic batch.
 */
final class KvV2Store {

	// Like Vault's locksutil: a fixed set of locks striped by key path, so concurrent
	// writers of one key serialise their read-modify-write of its metadata.
	private static final int LOCK_STRIPES = 256;

	private final BarrierView view;

	private final KvJson json;

	private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

	private final ReentrantLock configLock = new ReentrantLock();

	KvV2Store(BarrierView view, KvJson json) {
		this.view = view;
		this.json = json;
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	ReentrantLock lockFor(String path) {
		return this.locks[Math.floorMod(path.hashCode(), LOCK_STRIPES)];
	}

	ReentrantLock configLock() {
		return this.configLock;
	}

	KvConfig config() {
		return this.view.get(KvStorageKeys.V2_CONFIG)
			.map((bytes) -> this.json.read(bytes, KvConfig.class))
			.orElse(KvConfig.DEFAULTS);
	}

	void saveConfig(KvConfig config) {
		this.view.put(KvStorageKeys.V2_CONFIG, this.json.write(config));
	}

	Optional<KeyMetadata> metadata(String path) {
		return this.view.get(KvStorageKeys.v2Metadata(path)).map((bytes) -> this.json.read(bytes, KeyMetadata.class));
	}

	Optional<Map<String, Object>> versionData(String path, long version) {
		return this.view.get(KvStorageKeys.v2Version(path, version)).map(this.json::readMap);
	}

	/**
	 * Decoded names directly below {@code folder} ({@code ""} or ending in {@code /}).
	 */
	List<String> listKeys(String folder) {
		return this.view.list(KvStorageKeys.v2MetadataListPrefix(folder))
			.stream()
			.map(KvStorageKeys::decodeListEntry)
			.toList();
	}

	StorageOp putMetadata(KeyMetadata metadata) {
		return new StorageOp.Put(KvStorageKeys.v2Metadata(metadata.path()), this.json.write(metadata));
	}

	StorageOp deleteMetadata(String path) {
		return new StorageOp.Delete(KvStorageKeys.v2Metadata(path));
	}

	StorageOp putVersion(String path, long version, Map<String, Object> data) {
		return new StorageOp.Put(KvStorageKeys.v2Version(path, version), this.json.write(data));
	}

	StorageOp deleteVersion(String path, long version) {
		return new StorageOp.Delete(KvStorageKeys.v2Version(path, version));
	}

	void write(List<StorageOp> batch) {
		this.view.write(batch);
	}

}
