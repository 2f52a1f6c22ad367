package io.coffer.secrets.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link Storage} in memory, for unit tests of everything above the storage port. */
public class InMemoryStorage implements Storage {

	private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();

	@Override
	public Optional<byte[]> get(String key) {
		return Optional.ofNullable(this.entries.get(key)).map(byte[]::clone);
	}

	@Override
	public List<String> list(String prefix) {
		TreeSet<String> out = new TreeSet<>();
		for (String key : this.entries.tailMap(prefix).keySet()) {
			if (!key.startsWith(prefix)) {
				break;
			}
			String rest = key.substring(prefix.length());
			int slash = rest.indexOf('/');
			out.add((slash >= 0) ? rest.substring(0, slash + 1) : rest);
		}
		return new ArrayList<>(out);
	}

	@Override
	public synchronized void write(List<StorageOp> batch) {
		for (StorageOp op : batch) {
			switch (op) {
				case StorageOp.Put put -> this.entries.put(put.key(), put.value().clone());
				case StorageOp.Delete delete -> this.entries.remove(delete.key());
			}
		}
	}

	/** The raw stored bytes, for tamper tests. */
	public Map<String, byte[]> raw() {
		return this.entries;
	}

}
