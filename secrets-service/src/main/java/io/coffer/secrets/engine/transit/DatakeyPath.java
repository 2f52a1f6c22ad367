package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code datakey/(plaintext|wrapped)/:name}: a fresh random key of {@code bits}, returned
 * encrypted under the named key (and, for {@code plaintext}, also in the clear).
 */
final class DatakeyPath {

	private final KeyStore store;

	private final Encryptor encryptor;

	private final KeyMaterial material;

	DatakeyPath(KeyStore store, Encryptor encryptor, KeyMaterial material) {
		this.store = store;
		this.encryptor = encryptor;
		this.material = material;
	}

	LogicalResponse handle(LogicalRequest request, String kind, String name) {
		boolean plaintextAllowed = switch (kind) {
			case "plaintext" -> true;
			case "wrapped" -> false;
			default -> throw VaultException.badRequest("Invalid path, must be 'plaintext' or 'wrapped'");
		};
		Map<String, Object> data = request.data();
		int bits = TransitFields.integer(data, "bits", 256);
		if (bits != 128 && bits != 256 && bits != 512) {
			throw VaultException.badRequest("invalid bits length");
		}
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND))) {
			byte[] dataKey = this.material.randomBytes(bits / 8);
			try {
				Encryptor.Output output = this.encryptor.encrypt(policy,
						new Encryptor.Input(dataKey, EncryptPath.context(data),
								EncryptPath.associatedData(policy, data),
								TransitFields.integer(data, "key_version", 0)));
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("ciphertext", output.ciphertext());
				out.put("key_version", output.keyVersion());
				if (plaintextAllowed) {
					out.put("plaintext", Base64.getEncoder().encodeToString(dataKey));
				}
				return LogicalResponse.data(out);
			}
			finally {
				Bytes.wipe(dataKey);
			}
		}
	}

}
