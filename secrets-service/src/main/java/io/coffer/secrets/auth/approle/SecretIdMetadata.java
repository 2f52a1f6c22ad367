package io.coffer.secrets.auth.approle;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.Fields;

/**
 * A SecretID's {@code metadata}: Vault takes it as a JSON-encoded string of string
 * values; a JSON object is accepted too.
 */
final class SecretIdMetadata {

	private SecretIdMetadata() {
	}

	static Map<String, String> parse(Fields fields) {
		if (!fields.has("metadata")) {
			return Map.of();
		}
		try {
			return fields.stringMap("metadata");
		}
		catch (VaultException notAMap) {
			String text = fields.string("metadata");
			if (text.isEmpty()) {
				return Map.of();
			}
			try {
				Map<String, Object> parsed = Json.readMap(text.getBytes(StandardCharsets.UTF_8));
				Map<String, String> out = new LinkedHashMap<>();
				parsed.forEach((key, value) -> out.put(key, String.valueOf(value)));
				return out;
			}
			catch (RuntimeException ex) {
				throw VaultException.badRequest("failed to parse metadata: must be a JSON object of strings");
			}
		}
	}

}
