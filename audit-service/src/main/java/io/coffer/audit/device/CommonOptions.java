package io.coffer.audit.device;

import java.util.Locale;
import java.util.Map;

/**
 * The options every device type shares (vault-api.md §8): {@code format} (json only),
 * {@code prefix}, {@code log_raw}, {@code hmac_accessor}, {@code elide_list_responses}.
 * The node applies the hashing ones; sinks apply {@code prefix}.
 */
public final class CommonOptions {

	private CommonOptions() {
	}

	/**
	 * Checks the shared options.
	 * @throws IllegalArgumentException with Vault-style text
	 */
	public static void validate(Map<String, String> options) {
		String format = options.getOrDefault("format", "json");
		if (!"json".equals(format)) {
			throw new IllegalArgumentException("unsupported \"format\": " + format);
		}
		for (String flag : new String[] { "log_raw", "hmac_accessor", "elide_list_responses" }) {
			String value = options.get(flag);
			if (value != null && !isBool(value)) {
				throw new IllegalArgumentException("unable to parse '" + flag + "': invalid syntax");
			}
		}
	}

	/** The device's {@code prefix} option (empty: none). */
	public static String prefix(Map<String, String> options) {
		return options.getOrDefault("prefix", "");
	}

	private static boolean isBool(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "false", "1", "0", "t", "f" -> true;
			default -> false;
		};
	}

}
