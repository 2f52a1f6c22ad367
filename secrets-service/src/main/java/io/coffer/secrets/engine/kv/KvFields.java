package io.coffer.secrets.engine.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultIntegers;

/**
 * Reads typed fields from a request's data, which holds parsed JSON (any numeric type) or
 * query parameters (strings). A JSON null counts as absent. Error texts name the field
 * but never echo its value.
 */
final class KvFields {

	private KvFields() {
	}

	static boolean present(Map<String, Object> data, String field) {
		return data.get(field) != null;
	}

	@SuppressWarnings("unchecked")
	static Optional<Map<String, Object>> object(Map<String, Object> data, String field) {
		Object value = data.get(field);
		if (value == null) {
			return Optional.empty();
		}
		if (value instanceof Map<?, ?> map) {
			return Optional.of((Map<String, Object>) map);
		}
		throw invalid(field, "a JSON object");
	}

	static OptionalLong integer(Map<String, Object> data, String field) {
		return VaultIntegers.optional(data.get(field), field, Long.MIN_VALUE, Long.MAX_VALUE);
	}

	static Optional<Boolean> bool(Map<String, Object> data, String field) {
		Object value = data.get(field);
		if (value == null) {
			return Optional.empty();
		}
		return Optional.of(GoBool.of(value).orElseThrow(() -> invalid(field, "a boolean")));
	}

	/**
	 * Vault's comma-separated int slice: a JSON array, a single number, or a string such
	 * as {@code "1,2"}.
	 */
	static List<Long> integerList(Map<String, Object> data, String field) {
		Object value = data.get(field);
		List<Long> out = new ArrayList<>();
		if (value == null) {
			return out;
		}
		List<?> items = switch (value) {
			case List<?> list -> list;
			case String text -> List.of(text.split(",", -1));
			default -> List.of(value);
		};
		for (Object item : items) {
			Object element = (item instanceof String text) ? text.trim() : item;
			if ("".equals(element)) {
				continue;
			}
			out.add(toLong(element).orElseThrow(() -> invalid(field, "a list of integers")));
		}
		return out;
	}

	/**
	 * Any integral JSON number or numeric string within a long; empty for anything else.
	 */
	static OptionalLong toLong(Object value) {
		return VaultIntegers.exact(value)
			.filter((exact) -> exact.bitLength() < Long.SIZE)
			.map((exact) -> OptionalLong.of(exact.longValueExact()))
			.orElse(OptionalLong.empty());
	}

	static VaultException invalid(String field, String expected) {
		return VaultErrors.badRequest("invalid value for field \"" + field + "\": expected " + expected);
	}

}
