package io.coffer.secrets.engine.transit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/** {@code sign/:name(/:hash_algorithm)}: single or batch. */
final class SignPath {

	private final KeyStore store;

	private final Signer signer;

	SignPath(KeyStore store, Signer signer) {
		this.store = store;
		this.signer = signer;
	}

	LogicalResponse handle(LogicalRequest request, String name, String urlAlgorithm) {
		Map<String, Object> data = request.data();
		List<Map<String, Object>> items = Batch.items(data);
		if (items == null && !TransitFields.has(data, "input")) {
			throw VaultException.badRequest("missing input to sign");
		}
		SignOptions options = SignOptions.from(data, urlAlgorithm);
		int keyVersion = TransitFields.integer(data, "key_version", 0);
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest("signing key not found"))) {
			return Batch.process(data, items, (item) -> {
				byte[] input = TransitFields.base64(TransitFields.string(item, "input"), "input");
				Signer.Signature signature = this.signer.sign(policy, input, EncryptPath.context(item), options,
						keyVersion);
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("signature", signature.signature());
				result.put("key_version", signature.keyVersion());
				if (signature.publicKey() != null) {
					result.put("public_key", signature.publicKey());
				}
				return result;
			});
		}
	}

}
