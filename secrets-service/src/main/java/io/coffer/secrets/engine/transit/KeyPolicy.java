package io.coffer.secrets.engine.transit;

import java.util.Map;
import java.util.TreeMap;

import io.coffer.secrets.kernel.VaultException;

/**
 * A named key with all its versions: one stored record, so that key material and metadata
 * always change together. Close it when the request is done to overwrite the key bytes it
 * holds.
 *
 * @param name the key's name
 * @param type its type
 * @param config its settings
 * @param latestVersion the newest version number
 * @param versions every version still held, by number
 */
record KeyPolicy(String name, KeyType type, KeyConfig config, int latestVersion,
		Map<Integer, KeyVersion> versions) implements AutoCloseable {

	KeyPolicy {
		versions = new TreeMap<>(versions);
	}

	KeyVersion latest() {
		return version(this.latestVersion);
	}

	/**
	 * @throws VaultException 400 when the version is not held
	 */
	KeyVersion version(int version) {
		KeyVersion entry = this.versions.get(version);
		if (entry == null) {
			throw VaultException.badRequest("no such key version");
		}
		return entry;
	}

	KeyPolicy withConfig(KeyConfig config) {
		return new KeyPolicy(this.name, this.type, config, this.latestVersion, this.versions);
	}

	KeyPolicy withNewVersion(KeyVersion version) {
		Map<Integer, KeyVersion> next = new TreeMap<>(this.versions);
		next.put(this.latestVersion + 1, version);
		return new KeyPolicy(this.name, this.type, this.config, this.latestVersion + 1, next);
	}

	@Override
	public void close() {
		this.versions.values().forEach(KeyVersion::wipe);
	}

	@Override
	public String toString() {
		return "KeyPolicy[name=" + this.name + ", type=" + this.type + ", latestVersion=" + this.latestVersion + "]";
	}

}
