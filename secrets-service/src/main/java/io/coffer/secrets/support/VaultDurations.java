package io.coffer.secrets.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;

/**
 * The one reader of Vault's duration fields ({@code parseutil.ParseDurationSecond}): a
 * whole number of seconds (JSON number or numeric string), a whole number of days
 * ({@code "7d"}), or a Go duration string ({@code "1h30m"}, {@code "1.5h"},
 * {@code "300ms"}); and Go's formatting back ({@code "3h25m19s"}, {@code "0s"}).
 * <p>
 * The range is Go's {@code time.Duration} (int64 nanoseconds, about 292 years), computed
 * exactly: {@code "2562048h"} or {@code 99999999999999999999} is a 400 naming the field,
 * never a value that wrapped around (Vault itself wraps integer seconds past that range).
 */
public final class VaultDurations {

	/** The largest whole number of seconds a Go {@code time.Duration} holds. */
	public static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

	private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

	private static final Pattern DAYS = Pattern.compile("([+-]?\\d+)d");

	private static final Pattern GO_DURATION = Pattern
		.compile("[+-]?((\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+");

	private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

	/**
	 * Longer than any duration in range needs to be written; bounds the work per value.
	 */
	private static final int MAX_TEXT = 64;

	private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

	private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

	private VaultDurations() {
	}

	/**
	 * @param value a number, numeric string or Go duration string; null or empty means
	 * zero
	 * @param field the field name, for the error message
	 * @throws VaultException 400 when the value is not a duration, is negative or is out
	 * of range
	 */
	public static Duration parse(Object value, String field) {
		Duration duration = parseSigned(value, field);
		if (duration.isNegative()) {
			throw invalid(field, "cannot be negative");
		}
		return duration;
	}

	/**
	 * {@link #parse} for the few fields where Vault gives a negative duration a meaning
	 * (KV's mount-level {@code delete_version_after}).
	 */
	public static Duration parseSigned(Object value, String field) {
		if (value == null) {
			return Duration.ZERO;
		}
		BigDecimal nanos = switch (value) {
			case String text -> text(text.trim(), field);
			case Number number -> VaultIntegers.exact(number)
				.map((seconds) -> new BigDecimal(seconds).multiply(NANOS_PER_SECOND))
				.orElseThrow(() -> invalid(field, "expected a whole number of seconds or a duration string"));
			default -> throw invalid(field, "expected a duration");
		};
		if (nanos.abs().compareTo(MAX_NANOS) > 0) {
			throw invalid(field, "out of range (at most " + MAX_SECONDS + " seconds)");
		}
		return Duration.ofNanos(nanos.longValue());
	}

	private static BigDecimal text(String text, String field) {
		if (text.isEmpty()) {
			return BigDecimal.ZERO;
		}
		if (text.length() > MAX_TEXT) {
			throw invalid(field, "expected a duration of at most " + MAX_TEXT + " characters");
		}
		if (INTEGER.matcher(text).matches()) {
			return seconds(new BigDecimal(text), field);
		}
		Matcher days = DAYS.matcher(text);
		if (days.matches()) {
			return seconds(new BigDecimal(days.group(1)).multiply(BigDecimal.valueOf(86_400)), field);
		}
		if (!GO_DURATION.matcher(text).matches()) {
			throw invalid(field, "expected a duration");
		}
		BigDecimal total = BigDecimal.ZERO;
		Matcher part = PART.matcher(text);
		while (part.find()) {
			total = total.add(unit(new BigDecimal(part.group(1)), part.group(2)));
			if (total.compareTo(MAX_NANOS) > 0) {
				throw invalid(field, "out of range (at most " + MAX_SECONDS + " seconds)");
			}
		}
		// Go truncates a fraction of a nanosecond.
		total = total.setScale(0, RoundingMode.DOWN);
		return text.startsWith("-") ? total.negate() : total;
	}

	private static BigDecimal seconds(BigDecimal seconds, String field) {
		if (seconds.abs().compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
			throw invalid(field, "out of range (at most " + MAX_SECONDS + " seconds)");
		}
		return seconds.multiply(NANOS_PER_SECOND);
	}

	private static VaultException invalid(String field, String reason) {
		return VaultException.badRequest("invalid value for field \"" + field + "\": " + reason);
	}

	public static long parseSeconds(Object value, String field) {
		return parse(value, field).toSeconds();
	}

	/**
	 * Go's {@code time.Duration.String()} for whole seconds: {@code 0s}, {@code 45s},
	 * {@code 3h25m19s}.
	 */
	public static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds == 0) {
			return "0s";
		}
		StringBuilder out = new StringBuilder();
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long secs = seconds % 60;
		if (hours > 0) {
			out.append(hours).append('h');
		}
		if (hours > 0 || minutes > 0) {
			out.append(minutes).append('m');
		}
		out.append(secs).append('s');
		return out.toString();
	}

	/**
	 * Go's {@code time.Duration.String()} to the millisecond, for short durations such as
	 * a last contact: {@code 0s}, {@code 523ms}, {@code 1.204s}; a minute or more as
	 * {@link #format}.
	 */
	public static String formatMillis(Duration duration) {
		long millis = duration.toMillis();
		if (millis == 0) {
			return "0s";
		}
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
		}
		return format(duration);
	}

	private static BigDecimal unit(BigDecimal amount, String unit) {
		return switch (unit) {
			case "ns" -> amount;
			case "us", "\u00b5s", "\u03bcs" -> amount.multiply(BigDecimal.valueOf(1_000L));
			case "ms" -> amount.multiply(BigDecimal.valueOf(1_000_000L));
			case "s" -> amount.multiply(BigDecimal.valueOf(1_000_000_000L));
			case "m" -> amount.multiply(BigDecimal.valueOf(60_000_000_000L));
			default -> amount.multiply(BigDecimal.valueOf(3_600_000_000_000L));
		};
	}

}
