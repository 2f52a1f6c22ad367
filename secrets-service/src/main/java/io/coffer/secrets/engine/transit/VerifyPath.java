package io.coffer.secrets.engine.transit;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code verify/:name(/:algorithm)}: checks a {@code signature}, or hands an {@code hmac}
 * to {@link HmacPath}; answers {@code valid}.
 */
final class VerifyPath {

	private final KeyStore store;

	private final Signer signer;

	private final HmacPath hmac;

	VerifyPath(KeyStore store, Signer signer, HmacPath hmac) {
		this.store = store;
		this.signer = signer;
		this.hmac = hmac;
	}

	LogicalResponse handle(LogicalRequest request, String name, String urlAlgorithm) {
		Map<String, Object> data = request.data();
		List<Map<String, Object>> items = Batch.items(data);
		Map<String, Object> first = (items != null) ? items.get(0) : data;
		boolean signature = !TransitFields.string(first, "signature").isEmpty();
		boolean hmacGiven = !TransitFields.string(first, "hmac").isEmpty();
		if (signature && hmacGiven) {
			throw VaultException.badRequest("provide one of 'signature' or 'hmac'");
		}
		if (!signature && !hmacGiven) {
			throw VaultException.badRequest("neither a 'signature' nor an 'hmac' were given to verify");
		}
		if (hmacGiven) {
			return this.hmac.verify(request, name, urlAlgorithm);
		}
		SignOptions options = SignOptions.from(data, urlAlgorithm);
		try (KeyPolicy policy = this.store.findForUse(name)
			.orElseThrow(() -> VaultException.badRequest("signature verification key not found"))) {
			return Batch.process(data, items, (item) -> {
				String value = TransitFields.string(item, "signature");
				if (value.isEmpty()) {
					throw VaultException.badRequest("missing signature to verify");
				}
				byte[] input = TransitFields.base64(TransitFields.string(item, "input"), "input");
				return Map.of("valid", this.signer.verify(policy, input, EncryptPath.context(item), options, value));
			});
		}
	}

}
