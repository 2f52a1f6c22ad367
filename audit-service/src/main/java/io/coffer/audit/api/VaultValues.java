package io.coffer.audit.api;

import java.util.Locale;

import io.coffer.support.error.VaultErrorException;

/**
 * Vault's field conversions: Go booleans ({@code 1/t/true/0/f/false}).
 */
public final class VaultValues {

	private VaultValues() {
	}

	/** A Go boolean field; {@code fallback} when absent or empty. */
	public static boolean bool(Object value, String field, boolean fallback) {
		if (value == null || "".equals(value)) {
			return fallback;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
			case "1", "t", "true" -> true;
			case "0", "f", "false" -> false;
			default -> throw invalid(value, field);
		};
	}

	private static VaultErrorException invalid(Object value, String field) {
		return new VaultErrorException(400, "error converting input " + value + " for field \"" + field + "\"");
	}

}
