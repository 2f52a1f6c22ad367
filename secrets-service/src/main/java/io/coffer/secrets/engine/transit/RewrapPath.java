package io.coffer.secrets.engine.transit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code rewrap/:name}: decrypts and re-encrypts under the latest (or the requested)
 * version without the plaintext leaving the server.
 */
final class RewrapPath {

	private final KeyStore store;

	private final Encryptor encryptor;

	RewrapPath(KeyStore store, Encryptor encryptor) {
		this.store = store;
		this.encryptor = encryptor;
	}

	LogicalResponse handle(LogicalRequest request, String name) {
		Map<String, Object> data = request.data();
		List<Map<String, Object>> items = Batch.items(data);
		if (items == null && TransitFields.string(data, "ciphertext").isEmpty()) {
			throw VaultException.badRequest("missing ciphertext to rewrap");
		}
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND))) {
			return Batch.process(data, items, (item) -> rewrapOne(policy, item));
		}
	}

	private Map<String, Object> rewrapOne(KeyPolicy policy, Map<String, Object> item) {
		String ciphertext = TransitFields.string(item, "ciphertext");
		if (ciphertext.isEmpty()) {
			throw VaultException.badRequest("missing ciphertext to rewrap");
		}
		byte[] context = EncryptPath.context(item);
		byte[] plaintext = this.encryptor.decrypt(policy, ciphertext, context, new byte[0]);
		try {
			Encryptor.Output output = this.encryptor.encrypt(policy, new Encryptor.Input(plaintext, context,
					new byte[0], TransitFields.integer(item, "key_version", 0)));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("ciphertext", output.ciphertext());
			result.put("key_version", output.keyVersion());
			return result;
		}
		finally {
			Bytes.wipe(plaintext);
		}
	}

}
