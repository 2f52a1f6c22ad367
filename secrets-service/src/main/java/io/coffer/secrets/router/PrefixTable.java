package io.coffer.secrets.router;

import java.util.Map;
import java.util.Optional;

/**
 * Mount paths (each ending in {@code /}) mapped to what serves them, with Vault's
 * longest-prefix lookup: a request path belongs to the longest mount path that prefixes
 * it, or that equals it plus {@code /} ({@code secret} is the mount {@code secret/}
 * itself). The lookup walks the request path's own segment prefixes from the longest down
 * against a hash map, so its cost grows with the path's depth, not with the number of
 * mounts.
 *
 * @param <V> what a mount path maps to
 */
public final class PrefixTable<V> {

	private final Map<String, V> byPath;

	/**
	 * @param byPath mount paths, each ending in {@code /}, to their values
	 */
	public PrefixTable(Map<String, V> byPath) {
		this.byPath = Map.copyOf(byPath);
	}

	/** The value of the longest mount path owning {@code fullPath}, if any. */
	public Optional<V> longest(String fullPath) {
		if (!fullPath.endsWith("/")) {
			V exact = this.byPath.get(fullPath + "/");
			if (exact != null) {
				return Optional.of(exact);
			}
		}
		for (int slash = fullPath.lastIndexOf('/'); slash >= 0; slash = fullPath.lastIndexOf('/', slash - 1)) {
			V value = this.byPath.get(fullPath.substring(0, slash + 1));
			if (value != null) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}

}
