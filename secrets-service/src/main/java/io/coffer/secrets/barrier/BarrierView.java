package io.coffer.secrets.barrier;

import java.util.List;
import java.util.Optional;

import io.coffer.secrets.storage.StorageOp;

/**
 * An engine's window on the barrier: every key is relative to the mount's own prefix, so
 * an engine cannot read or write another mount's data.
 */
public final class BarrierView {

	private final Barrier barrier;

	private final String prefix;

	BarrierView(Barrier barrier, String prefix) {
		if (!prefix.isEmpty() && !prefix.endsWith("/")) {
			throw new IllegalArgumentException("view prefix must end in '/'");
		}
		this.barrier = barrier;
		this.prefix = prefix;
	}

	public Optional<byte[]> get(String key) {
		return this.barrier.get(this.prefix + checked(key));
	}

	public List<String> list(String prefix) {
		return this.barrier.list(this.prefix + checked(prefix));
	}

	public void put(String key, byte[] value) {
		this.barrier.put(this.prefix + checked(key), value);
	}

	public void delete(String key) {
		this.barrier.delete(this.prefix + checked(key));
	}

	/** Writes the batch atomically; every key is taken relative to this view. */
	public void write(List<StorageOp> batch) {
		this.barrier.write(batch.stream().map(this::qualify).toList());
	}

	/**
	 * Deletes every key below {@code prefix} (relative, empty = the whole view) in one
	 * batch.
	 */
	public void deleteTree(String prefix) {
		List<StorageOp> deletes = this.barrier.deletesUnder(this.prefix + checked(prefix));
		if (!deletes.isEmpty()) {
			this.barrier.write(deletes);
		}
	}

	private StorageOp qualify(StorageOp op) {
		return switch (op) {
			case StorageOp.Put put -> new StorageOp.Put(this.prefix + checked(put.key()), put.value());
			case StorageOp.Delete delete -> new StorageOp.Delete(this.prefix + checked(delete.key()));
		};
	}

	private static String checked(String key) {
		if (key.startsWith("/") || key.contains("..")
				&& (key.equals("..") || key.startsWith("../") || key.contains("/../") || key.endsWith("/.."))) {
			throw new IllegalArgumentException("invalid storage key");
		}
		return key;
	}

}
