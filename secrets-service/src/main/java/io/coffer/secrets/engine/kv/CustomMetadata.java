package io.coffer.secrets.engine.kv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing and Vault's limits for a key's {@code custom_metadata}. */
final class CustomMetadata {

	private static final String PREFIX = "custom_metadata validation failed";

	private static final int MAX_KEYS = 64;

	private static final int MAX_KEY_BYTES = 128;

	private static final int MAX_VALUE_BYTES = 512;

	private CustomMetadata() {
	}

	/** The pairs of a write: every value becomes a string as Go's weak decoding would. */
	static Map<String, String> parse(Map<String, Object> raw) {
		Map<String, String> out = new LinkedHashMap<>();
		raw.forEach((key, value) -> out.put(key, (value != null) ? asString(key, value) : ""));
		validate(out);
		return out;
	}

	/** Merges a patch into {@code current}: a null value removes the key. */
	static Map<String, String> patch(Map<String, String> current, Map<String, Object> patch) {
		Map<String, String> out = new LinkedHashMap<>(current);
		patch.forEach((key, value) -> {
			if (value == null) {
				out.remove(key);
			}
			else {
				out.put(key, asString(key, value));
			}
		});
		validate(out);
		return out;
	}

	private static String asString(String key, Object value) {
		return switch (value) {
			case String text -> text;
			case Boolean bool -> bool ? "1" : "0";
			case BigDecimal decimal -> decimal.stripTrailingZeros().toPlainString();
			case Double number -> BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
			case Float number -> BigDecimal.valueOf(number.doubleValue()).stripTrailingZeros().toPlainString();
			case Number number -> number.toString();
			default -> throw VaultErrors.badRequest(PREFIX + ": value for key \"" + key + "\" must be a string");
		};
	}

	private static void validate(Map<String, String> pairs) {
		List<String> errors = new ArrayList<>();
		if (pairs.size() > MAX_KEYS) {
			errors.add(PREFIX + ": payload must contain at most " + MAX_KEYS + " keys, provided " + pairs.size());
			throw VaultErrors.multi(errors);
		}
		pairs.forEach((key, value) -> {
			int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
			int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
			if (keyBytes == 0 || keyBytes > MAX_KEY_BYTES) {
				errors.add(PREFIX + ": length of key \"" + key + "\" is " + keyBytes + " but must be 0 < len(key) <= "
						+ MAX_KEY_BYTES);
			}
			if (valueBytes == 0 || valueBytes > MAX_VALUE_BYTES) {
				errors.add(PREFIX + ": length of value for key \"" + key + "\" is " + valueBytes
						+ " but must be 0 < len(value) <= " + MAX_VALUE_BYTES);
			}
			if (!printable(key)) {
				errors.add(PREFIX + ": key contains unprintable characters");
			}
			if (!printable(value)) {
				errors.add(PREFIX + ": value for key \"" + key + "\" contains unprintable characters");
			}
		});
		if (!errors.isEmpty()) {
			throw VaultErrors.multi(errors);
		}
	}

	/** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space. */
	private static boolean printable(String text) {
		return text.codePoints().allMatch((cp) -> cp == ' ' || switch (Character.getType(cp)) {
			case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
					Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				false;
			default -> true;
		});
	}

}
