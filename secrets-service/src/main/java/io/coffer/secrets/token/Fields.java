package io.coffer.secrets.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.secrets.support.VaultIntegers;

/**
 * Reads request fields the way Vault's field schemas decode them (weakly typed: numbers
 * in strings, comma-separated lists, Go booleans), with Vault-style 400s on bad input.
 * Error messages name the field, never its value.
 */
public final class Fields {

	private final Map<String, Object> data;

	private Fields(Map<String, Object> data) {
		this.data = (data != null) ? data : Map.of();
	}

	public static Fields of(Map<String, Object> data) {
		return new Fields(data);
	}

	public boolean has(String name) {
		return this.data.containsKey(name) && this.data.get(name) != null;
	}

	/**
	 * The first of several names (e.g. {@code token_policies} and legacy
	 * {@code policies}) that is set.
	 */
	public String first(String... names) {
		for (String name : names) {
			if (has(name)) {
				return name;
			}
		}
		return names[0];
	}

	public String string(String name) {
		return exact(name).trim();
	}

	/**
	 * A string field exactly as sent, surrounding spaces included (passwords: Vault never
	 * trims them).
	 */
	public String exact(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return "";
		}
		if (value instanceof Map || value instanceof List) {
			throw VaultException.badRequest("invalid value for \"" + name + "\": expected a string");
		}
		return value.toString();
	}

	public boolean bool(String name, boolean fallback) {
		if (!has(name)) {
			return fallback;
		}
		return GoBool.of(this.data.get(name))
			.orElseThrow(() -> VaultException.badRequest("invalid value for \"" + name + "\": expected a boolean"));
	}

	/**
	 * An int field; unset is 0. Any int value is read exactly (callers apply Vault's own
	 * range messages); a value beyond the int range is a 400, never a wrapped number.
	 */
	public int integer(String name) {
		return VaultIntegers.parseInt(this.data.get(name), name, 0);
	}

	/** A duration in whole seconds (number or Go duration string); unset is 0. */
	public long seconds(String name) {
		return VaultDurations.parseSeconds(this.data.get(name), name);
	}

	/** Vault's comma-string-slice: a JSON list, or one string split at commas. */
	public List<String> list(String name) {
		Object value = this.data.get(name);
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> items) {
			items.forEach((item) -> {
				if (item != null) {
					out.add(item.toString().trim());
				}
			});
		}
		else if (value != null && !value.toString().isBlank()) {
			for (String part : value.toString().split(",")) {
				out.add(part.trim());
			}
		}
		out.removeIf(String::isEmpty);
		return out;
	}

	/** A map of strings (Vault's {@code TypeKVPairs}); null when unset. */
	public Map<String, String> stringMap(String name) {
		Object value = this.data.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("invalid value for \"" + name + "\": expected a map of strings");
		}
		Map<String, String> out = new LinkedHashMap<>();
		map.forEach((key, item) -> out.put(String.valueOf(key), (item != null) ? item.toString() : ""));
		return out;
	}

}
