package io.coffer.secrets.engine.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;

/**
 * Reads the identity paths' request fields as Vault's field types: strings,
 * comma-string-slices, booleans and key/value pairs ({@code TypeKVPairs}: a JSON object,
 * or a list of {@code key=value}). An unset field is null, so an update keeps its value.
 */
final class IdentityFields {

	private final Map<String, Object> data;

	IdentityFields(Map<String, Object> data) {
		this.data = data;
	}

	String string(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw invalid(name, "expected a string");
		}
		return value.toString();
	}

	List<String> list(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> items) {
			for (Object item : items) {
				if (item instanceof Map || item instanceof List) {
					throw invalid(name, "expected a list of strings");
				}
				if (item != null) {
					out.add(item.toString().trim());
				}
			}
		}
		else if (value instanceof Map) {
			throw invalid(name, "expected a list of strings");
		}
		else {
			for (String part : value.toString().split(",")) {
				out.add(part.trim());
			}
		}
		out.removeIf(String::isEmpty);
		return out;
	}

	Boolean bool(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		return GoBool.of(value).orElseThrow(() -> invalid(name, "expected a boolean"));
	}

	Map<String, String> pairs(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		Map<String, String> out = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> {
				if (item instanceof Map || item instanceof List) {
					throw invalid(name, "expected a map of strings");
				}
				out.put(String.valueOf(key), (item != null) ? item.toString() : "");
			});
			return out;
		}
		List<String> items = list(name);
		for (String item : items) {
			int equals = item.indexOf('=');
			if (equals <= 0) {
				throw invalid(name, "expected key=value pairs");
			}
			out.put(item.substring(0, equals), item.substring(equals + 1));
		}
		return out;
	}

	private static VaultException invalid(String name, String why) {
		return VaultException.badRequest("invalid value for \"" + name + "\": " + why);
	}

}
