package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.storage.StorageOp;

/**
 * Moves a mount's KV v1 entries into KV v2 when the mount is tuned to version 2, as Vault
 * does: each entry becomes version 1 of its key. Each key moves in one atomic batch that
 * also deletes the v1 entry, so an interrupted upgrade resumes where it stopped.
 */
final class KvV1Upgrade {

	private static final Logger log = LoggerFactory.getLogger(KvV1Upgrade.class);

	private final BarrierView view;

	private final KvV2Store store;

	private final KvV2VersionWriter writer;

	private final KvJson json;

	private final Clock clock;

	private final AtomicBoolean done = new AtomicBoolean();

	private final AtomicBoolean warned = new AtomicBoolean();

	KvV1Upgrade(BarrierView view, KvV2Store store, KvV2VersionWriter writer, KvJson json, Clock clock) {
		this.view = view;
		this.store = store;
		this.writer = writer;
		this.json = json;
		this.clock = clock;
	}

	/** Runs the upgrade the first time it is called, then never again. */
	void runOnce() {
		if (this.done.get()) {
			return;
		}
		synchronized (this) {
			if (this.done.get()) {
				return;
			}
			try {
				migrate("");
				this.done.set(true);
			}
			catch (RuntimeException ex) {
				// A sealed barrier or a standby cannot write; a later request (on the
				// active
				// node) finishes the move. Only the exception type is logged: no path or
				// value.
				if (this.warned.compareAndSet(false, true)) {
					log.warn("KV v1 to v2 upgrade not complete yet: {}", ex.getClass().getSimpleName());
				}
			}
		}
	}

	private void migrate(String folder) {
		for (String entry : this.view.list(KvStorageKeys.V1_PREFIX + folder)) {
			if (entry.endsWith("/")) {
				migrate(folder + entry);
			}
			else {
				moveOne(folder + entry);
			}
		}
	}

	private void moveOne(String encoded) {
		String storageKey = KvStorageKeys.V1_PREFIX + encoded;
		String path = KvStorageKeys.decodePath(encoded);
		ReentrantLock lock = this.store.lockFor(path);
		lock.lock();
		try {
			Map<String, Object> data = this.view.get(storageKey).map(this.json::readMap).orElse(null);
			if (data == null) {
				return;
			}
			KeyMetadata metadata = this.store.metadata(path)
				.orElseGet(() -> KeyMetadata.empty(path, this.clock.instant()));
			this.writer.append(metadata, this.store.config(), data, List.of(new StorageOp.Delete(storageKey)));
		}
		finally {
			lock.unlock();
		}
	}

}
