package io.coffer.secrets.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.secrets.engine.VaultException;

/**
 * Vault's duration values: a number of seconds (JSON number or numeric string) or a Go
 * duration string such as {@code "1h30m"} or {@code "768h"}; and Go's formatting back
 * ({@code "3h25m19s"}, {@code "0s"}).
 */
public final class VaultDurations {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

	private VaultDurations() {
	}

	/**
	 * @param value a number, numeric string or Go duration string; null or empty means
	 * zero
	 * @param field the field name, for the error message
	 * @throws VaultException 400 when the value is not a duration
	 */
	public static Duration parse(Object value, String field) {
		if (value == null) {
			return Duration.ZERO;
		}
		if (value instanceof Number number) {
			if (number.doubleValue() < 0) {
				throw VaultException.badRequest("invalid duration for " + field + ": must not be negative");
			}
			return Duration.ofSeconds(number.longValue());
		}
		String text = value.toString().trim();
		if (text.isEmpty()) {
			return Duration.ZERO;
		}
		if (text.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(text));
		}
		Matcher matcher = PART.matcher(text);
		int position = 0;
		Duration total = Duration.ZERO;
		while (matcher.find() && matcher.start() == position) {
			total = total.plus(unit(new BigDecimal(matcher.group(1)), matcher.group(2)));
			position = matcher.end();
		}
		if (position != text.length() || position == 0) {
			throw VaultException.badRequest("invalid duration for " + field + ": \"" + abbreviate(text) + "\"");
		}
		return total;
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

	private static Duration unit(BigDecimal amount, String unit) {
		BigDecimal nanos = switch (unit) {
			case "ns" -> amount;
			case "us", "µs" -> amount.multiply(BigDecimal.valueOf(1_000L));
			case "ms" -> amount.multiply(BigDecimal.valueOf(1_000_000L));
			case "s" -> amount.multiply(BigDecimal.valueOf(1_000_000_000L));
			case "m" -> amount.multiply(BigDecimal.valueOf(60_000_000_000L));
			case "h" -> amount.multiply(BigDecimal.valueOf(3_600_000_000_000L));
			default -> amount.multiply(BigDecimal.valueOf(86_400_000_000_000L));
		};
		return Duration.ofNanos(nanos.longValue());
	}

	private static String abbreviate(String text) {
		return (text.length() > 32) ? text.substring(0, 32) + "..." : text;
	}

}
