package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultIntegers;

/**
 * Reads request fields the way Vault's field schema does: strings from any scalar, ints
 * from numbers or numeric strings, booleans with Go's spellings. Error texts name the
 * field, never its value.
 */
final class TransitFields {

	/** Vault's {@code framework.GenericNameRegex}: what a key name may look like. */
	static final String NAME_REGEX = "\\w(([\\w.@-]+)?\\w)?";

	private static final Pattern NAME = Pattern.compile(NAME_REGEX);

	private TransitFields() {
	}

	static boolean validName(String name) {
		return NAME.matcher(name).matches();
	}

	static String string(Map<String, Object> data, String field) {
		Object value = data.get(field);
		if (value == null) {
			return "";
		}
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		throw conversion(field);
	}

	static boolean has(Map<String, Object> data, String field) {
		return data.get(field) != null;
	}

	static int integer(Map<String, Object> data, String field, int fallback) {
		return VaultIntegers.parseInt(data.get(field), field, fallback);
	}

	static boolean bool(Map<String, Object> data, String field) {
		Object value = data.get(field);
		if (value == null || (value instanceof String text && text.isEmpty())) {
			return false;
		}
		return GoBool.of(value).orElseThrow(() -> conversion(field));
	}

	/** Standard base64 (with or without padding); empty text is empty bytes. */
	static byte[] base64(String value, String what) {
		try {
			return Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest("failed to base64-decode " + what);
		}
	}

	static String abbreviate(String text) {
		return (text.length() > 32) ? text.substring(0, 32) + "..." : text;
	}

	private static VaultException conversion(String field) {
		return VaultException.badRequest("error converting input for field \"" + field + "\"");
	}

}
