package io.coffer.secrets.mount;

import java.util.HashMap;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;

/**
 * Resolves Vault's type aliases ({@code kv-v2}, {@code kv-v1}, {@code generic}) into a
 * type and its options.
 */
record TypeAndOptions(String type, Map<String, String> options) {

	static TypeAndOptions resolve(String type, Map<String, String> options) {
		if (type == null || type.isBlank()) {
			throw VaultException.badRequest("backend type must be specified as a string");
		}
		Map<String, String> merged = new HashMap<>((options != null) ? options : Map.of());
		String resolved = switch (type) {
			case "kv-v2" -> {
				merged.put("version", "2");
				yield "kv";
			}
			case "kv-v1" -> {
				merged.put("version", "1");
				yield "kv";
			}
			case "generic" -> "kv";
			default -> type;
		};
		if (merged.containsKey("version") && !"kv".equals(resolved)) {
			throw VaultException.badRequest("the \"version\" option is only valid for KV mounts");
		}
		return new TypeAndOptions(resolved, merged);
	}

}
