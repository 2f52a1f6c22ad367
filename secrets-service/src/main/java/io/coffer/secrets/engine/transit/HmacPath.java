package io.coffer.secrets.engine.transit;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code hmac/:name(/:algorithm)} and HMAC verification. An {@code hmac} key uses its own
 * material; every other type uses the separate per-version HMAC key Vault keeps, so an
 * HMAC never exposes anything about the encryption or signing key.
 */
final class HmacPath {

	private final KeyStore store;

	HmacPath(KeyStore store) {
		this.store = store;
	}

	LogicalResponse hmac(LogicalRequest request, String name, String urlAlgorithm) {
		Map<String, Object> data = request.data();
		HashAlgorithm algorithm = algorithm(data, urlAlgorithm);
		List<Map<String, Object>> items = Batch.items(data);
		if (items == null && !TransitFields.has(data, "input")) {
			throw VaultException.badRequest("missing input for HMAC");
		}
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND))) {
			int version = version(policy, TransitFields.integer(data, "key_version", 0));
			return Batch.process(data, items, (item) -> {
				byte[] input = input(item);
				byte[] mac = algorithm.hmac(key(policy, version), input);
				return Map.of("hmac", VersionedValue.format(version, Base64.getEncoder().encodeToString(mac)));
			});
		}
	}

	LogicalResponse verify(LogicalRequest request, String name, String urlAlgorithm) {
		Map<String, Object> data = request.data();
		HashAlgorithm algorithm = algorithm(data, urlAlgorithm);
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND))) {
			return Batch.process(data, Batch.items(data), (item) -> {
				String hmac = TransitFields.string(item, "hmac");
				if (hmac.isEmpty()) {
					throw VaultException.badRequest("missing hmac to verify");
				}
				VersionedValue value = VersionedValue.parse(hmac, "HMAC");
				value.checkAgainst(policy, "HMAC");
				byte[] given;
				try {
					given = Base64.getDecoder().decode(value.payload());
				}
				catch (IllegalArgumentException ex) {
					throw VaultException.badRequest("invalid HMAC: could not decode base64");
				}
				byte[] expected = algorithm.hmac(key(policy, value.version()), input(item));
				return Map.of("valid", MessageDigest.isEqual(expected, given));
			});
		}
	}

	private static HashAlgorithm algorithm(Map<String, Object> data, String urlAlgorithm) {
		String name = urlAlgorithm.isEmpty() ? TransitFields.string(data, "algorithm") : urlAlgorithm;
		String requested = name.isEmpty() ? HashAlgorithm.SHA2_256.vaultName() : name;
		return HashAlgorithm.fromVaultName(requested)
			.filter(HashAlgorithm::isSha2OrSha3)
			.orElseThrow(
					() -> VaultException.badRequest("unsupported algorithm " + TransitFields.abbreviate(requested)));
	}

	private static int version(KeyPolicy policy, int requested) {
		if (requested == 0) {
			return policy.latestVersion();
		}
		if (requested < 0) {
			throw VaultException.badRequest("key version does not exist (cannot be negative)");
		}
		if (requested > policy.latestVersion()) {
			throw VaultException
				.badRequest("key version does not exist; latest key version is " + policy.latestVersion());
		}
		if (policy.config().minEncryptionVersion() > 0 && requested < policy.config().minEncryptionVersion()) {
			throw VaultException.badRequest("cannot generate HMAC: version is too old (disallowed by policy)");
		}
		return requested;
	}

	private static byte[] key(KeyPolicy policy, int version) {
		KeyVersion entry = policy.version(version);
		return (policy.type() == KeyType.HMAC) ? entry.key() : entry.hmacKey();
	}

	private static byte[] input(Map<String, Object> item) {
		return TransitFields.base64(TransitFields.string(item, "input"), "input");
	}

}
