package io.coffer.secrets.mount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.storage.StorageOp;

/**
 * One stored mount table (the secrets mounts at {@code core/mounts}, the auth methods at
 * {@code core/auth}) and the engines built from it, each seeing only its mount's data
 * under {@code <dataPrefix><uuid>/}. The table is read lazily from the barrier, kept
 * until {@link #reload()} or {@link #drop()}, and every change is written as one barrier
 * entry (with the deletes it needs) before the new table is served.
 *
 * @param <E> the engines of this table
 */
public final class StoredMounts<E extends SecretEngine> {

	private final Barrier barrier;

	private final String tablePath;

	private final String dataPrefix;

	private final BiFunction<MountEntry, BarrierView, E> create;

	private final Map<String, E> engines = new ConcurrentHashMap<>();

	private volatile MountTable table;

	/**
	 * @param barrier where the table and the mounts' data live
	 * @param tablePath the barrier path of the table ({@code core/mounts})
	 * @param dataPrefix the barrier prefix of each mount's data ({@code logical/})
	 * @param create builds the engine of a mount from its entry and data view
	 */
	public StoredMounts(Barrier barrier, String tablePath, String dataPrefix,
			BiFunction<MountEntry, BarrierView, E> create) {
		this.barrier = barrier;
		this.tablePath = tablePath;
		this.dataPrefix = dataPrefix;
		this.create = create;
	}

	/** The current table, read from the barrier if it was dropped. */
	public MountTable table() {
		MountTable current = this.table;
		if (current == null) {
			synchronized (this) {
				if (this.table == null) {
					this.table = MountTable.load(this.barrier, this.tablePath);
				}
				current = this.table;
			}
		}
		return current;
	}

	/** The table's entries; the same list until the table changes. */
	public List<MountEntry> entries() {
		return table().entries();
	}

	public Optional<MountEntry> exact(String path) {
		return table().exact(path);
	}

	/** The engine of a mount of this table, built on first use. */
	public E engine(MountEntry mount) {
		return this.engines.computeIfAbsent(mount.uuid(),
				(id) -> this.create.apply(mount, this.barrier.view(this.dataPrefix + mount.uuid() + "/")));
	}

	/** Stores the table with {@code entry} added or replaced; its engine is rebuilt. */
	public synchronized void put(MountEntry entry) {
		store(table().with(entry), List.of());
		this.engines.remove(entry.uuid());
	}

	/** Stores the table without {@code entry} and deletes every piece of its data. */
	public synchronized void remove(MountEntry entry) {
		store(table().without(entry.path()), this.barrier.deletesUnder(this.dataPrefix + entry.uuid() + "/"));
		this.engines.remove(entry.uuid());
	}

	/** Re-reads the table from the barrier now and drops every engine. */
	public synchronized void reload() {
		this.table = MountTable.load(this.barrier, this.tablePath);
		this.engines.clear();
	}

	/** Forgets the table and every engine; the next use reads the table again. */
	public synchronized void drop() {
		this.table = null;
		this.engines.clear();
	}

	private void store(MountTable next, List<StorageOp> alsoDelete) {
		List<StorageOp> ops = new ArrayList<>(alsoDelete);
		ops.add(new StorageOp.Put(next.path(), next.serialize()));
		this.barrier.write(ops);
		this.table = next;
	}

}
