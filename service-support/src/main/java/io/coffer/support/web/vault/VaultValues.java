package io.coffer.support.web.vault;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.support.error.VaultErrorException;

/**
 * Vault's field conversions: Go booleans ({@code 1/t/true/0/f/false}) and duration
 * seconds ({@code 1800}, {@code "1800"}, {@code "30m"}, {@code "1h30m"}).
 */
public final class VaultValues {

	private static final Pattern UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

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

	/** A duration-seconds field; 0 when absent or empty. */
	public static long durationSeconds(Object value, String field) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number) {
			return number.longValue();
		}
		String text = String.valueOf(value).trim();
		if (text.isEmpty()) {
			return 0;
		}
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				return Long.parseLong(text);
			}
			catch (NumberFormatException ex) {
				throw invalid(value, field);
			}
		}
		return goDurationSeconds(text, value, field);
	}

	private static long goDurationSeconds(String text, Object value, String field) {
		boolean negative = text.startsWith("-");
		String rest = (negative || text.startsWith("+")) ? text.substring(1) : text;
		Matcher unit = UNIT.matcher(rest);
		BigDecimal nanos = BigDecimal.ZERO;
		int at = 0;
		while (at < rest.length()) {
			if (!unit.find(at) || unit.start() != at) {
				throw invalid(value, field);
			}
			nanos = nanos.add(new BigDecimal(unit.group(1)).multiply(BigDecimal.valueOf(nanosPer(unit.group(2)))));
			at = unit.end();
		}
		if (rest.isEmpty()) {
			throw invalid(value, field);
		}
		long seconds = nanos.divideToIntegralValue(BigDecimal.valueOf(1_000_000_000L)).longValue();
		return negative ? -seconds : seconds;
	}

	private static long nanosPer(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "µs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			default -> 3_600_000_000_000L;
		};
	}

	private static VaultErrorException invalid(Object value, String field) {
		return new VaultErrorException(400, "error converting input " + value + " for field \"" + field + "\"");
	}

}
