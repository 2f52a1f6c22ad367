package io.coffer.secrets.engine.kv;

import java.util.Map;

import io.coffer.secrets.kernel.VaultException;

/** Shared steps of the paths that read one version (data and subkeys). */
final class VersionResponses {

	private VersionResponses() {
	}

	/**
	 * The requested version ({@code <= 0} means the current one).
	 * @throws VaultException 404 with no errors when the key never had that version
	 */
	static Resolved resolve(KeyMetadata metadata, long requested) {
		long number = (requested > 0) ? requested : metadata.currentVersion();
		VersionMetadata version = metadata.version(number);
		if (version == null) {
			throw VaultException.notFound();
		}
		return new Resolved(number, version);
	}

	static Map<String, Object> loadData(KvV2Store store, String path, long number) {
		return store.versionData(path, number).orElseThrow(() -> VaultErrors.internal("could not find version data"));
	}

	record Resolved(long number, VersionMetadata version) {
	}

}
