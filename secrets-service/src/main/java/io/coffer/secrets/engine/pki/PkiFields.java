package io.coffer.secrets.engine.pki;

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
 * string slice, bool, int, duration), with Vault's 400 for a value of the wrong type.
 * Error texts name the field, never its value.
 */
final class PkiFields {

	/** Vault's {@code framework.GenericNameRegex}: role names. */
	static final String NAME_REGEX = "\\w(([\\w.-]+)?\\w)?";

	private static final Pattern NAME = Pattern.compile(NAME_REGEX);

	private PkiFields() {
	}

	static boolean validName(String name) {
		return NAME.matcher(name).matches();
	}

	static boolean has(Map<String, Object> data, String field) {
		return data.get(field) != null;
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
		List<String> items;
		if (value instanceof String text) {
			items = Arrays.asList(text.split(","));
		}
		else if (value instanceof List<?> list) {
			items = new ArrayList<>();
			for (Object item : list) {
				if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
					throw invalid(field);
				}
				items.add(String.valueOf(item));
			}
		}
		else {
			throw invalid(field);
		}
		return items.stream().map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	static boolean bool(Map<String, Object> data, String field, boolean fallback) {
		Object value = data.get(field);
		if (value == null) {
			return fallback;
		}
		return GoBool.of(value).orElseThrow(() -> invalid(field));
	}

	static int integer(Map<String, Object> data, String field, int fallback) {
		return VaultIntegers.parseInt(data.get(field), field, 0, Integer.MAX_VALUE, fallback);
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

	static VaultException invalid(String field) {
		return VaultException.badRequest("error converting input for field \"" + field + "\"");
	}

}
