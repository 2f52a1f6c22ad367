package io.coffer.secrets.engine.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.secrets.support.VaultIntegers;

/**
 * Reads request fields the way Vault's field schema types do (string, comma-separated
 * string slice, string slice, bool, int, duration), with Vault's 400 for a value of the
 * wrong type. Error texts name the field, never its value.
 */
final class DatabaseFields {

	/** Vault's {@code framework.GenericNameRegex}: the names of configs and roles. */
	static final String NAME_REGEX = "\\w(([\\w.-]+)?\\w)?";

	private static final Pattern NAME = Pattern.compile(NAME_REGEX);

	private DatabaseFields() {
	}

	static boolean validName(String name) {
		return NAME.matcher(name).matches();
	}

	static boolean has(Map<String, Object> data, String field) {
		return data.containsKey(field) && data.get(field) != null;
	}

	static String string(Map<String, Object> data, String field, String fallback) {
		Object value = data.get(field);
		if (value == null) {
			return fallback;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw invalid(field);
	}

	/** {@code TypeCommaStringSlice}: a list, or one string split at commas. */
	static List<String> commaList(Map<String, Object> data, String field, List<String> fallback) {
		Object value = data.get(field);
		if (value == null) {
			return fallback;
		}
		if (value instanceof String text) {
			return Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
		}
		return list(field, value).stream().map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	/** {@code TypeStringSlice}: a list, or one string as a list of one. */
	static List<String> stringList(Map<String, Object> data, String field, List<String> fallback) {
		Object value = data.get(field);
		if (value == null) {
			return fallback;
		}
		if (value instanceof String text) {
			return text.isEmpty() ? List.of() : List.of(text);
		}
		return list(field, value).stream().filter((s) -> !s.isBlank()).toList();
	}

	static boolean bool(Map<String, Object> data, String field, boolean fallback) {
		Object value = data.get(field);
		if (value == null) {
			return fallback;
		}
		return GoBool.of(value).orElseThrow(() -> invalid(field));
	}

	static int integer(Map<String, Object> data, String field, int min, int fallback) {
		return VaultIntegers.parseInt(data.get(field), field, min, Integer.MAX_VALUE, fallback);
	}

	/** A duration in seconds: a number of seconds or a Go duration string. */
	static long seconds(Map<String, Object> data, String field, long fallback) {
		Object value = data.get(field);
		if (value == null || "".equals(value)) {
			return fallback;
		}
		long seconds = VaultDurations.parseSeconds(value, field);
		if (seconds < 0) {
			throw invalid(field);
		}
		return seconds;
	}

	private static List<String> list(String field, Object value) {
		if (!(value instanceof List<?> items)) {
			throw invalid(field);
		}
		List<String> out = new ArrayList<>();
		for (Object item : items) {
			if (item instanceof String || item instanceof Number || item instanceof Boolean) {
				out.add(String.valueOf(item));
			}
			else {
				throw invalid(field);
			}
		}
		return out;
	}

	private static VaultException invalid(String field) {
		return VaultException.badRequest("error converting input for field \"" + field + "\"");
	}

}
