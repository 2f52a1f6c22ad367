package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/** {@code decrypt/:name}: single or batch; answers {@code plaintext} in base64. */
final class DecryptPath {

	private final KeyStore store;

	private final Encryptor encryptor;

	DecryptPath(KeyStore store, Encryptor encryptor) {
		this.store = store;
		this.encryptor = encryptor;
	}

	LogicalResponse handle(LogicalRequest request, String name) {
		Map<String, Object> data = request.data();
		List<Map<String, Object>> items = Batch.items(data);
		if (items == null && TransitFields.string(data, "ciphertext").isEmpty()) {
			throw VaultException.badRequest("missing ciphertext to decrypt");
		}
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND))) {
			return Batch.process(data, items, (item) -> decryptOne(policy, item));
		}
	}

	private Map<String, Object> decryptOne(KeyPolicy policy, Map<String, Object> item) {
		String ciphertext = TransitFields.string(item, "ciphertext");
		if (ciphertext.isEmpty()) {
			throw VaultException.badRequest("missing ciphertext to decrypt");
		}
		byte[] plaintext = this.encryptor.decrypt(policy, ciphertext, EncryptPath.context(item),
				EncryptPath.associatedData(policy, item));
		try {
			return Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext));
		}
		finally {
			Bytes.wipe(plaintext);
		}
	}

}
