package io.coffer.audit.device;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration option the way Vault's devices do
 * ({@code parseutil.ParseDurationSecond}): a bare number is seconds, otherwise a number
 * with a unit ({@code ms}, {@code s}, {@code m}, {@code h}), e.g.
 * {@code write_timeout=2s}.
 */
public final class GoDurations {

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

	private GoDurations() {
	}

	/**
	 * The option's value, or {@code fallback} when it is absent or empty.
	 * @throws IllegalArgumentException not a duration, or not positive (Vault-style text)
	 */
	public static Duration option(String name, String value, Duration fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"unable to parse '" + name + "': time: invalid duration \"" + value + "\"");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		Duration duration = switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
		if (duration.isZero()) {
			throw new IllegalArgumentException("'" + name + "' must be greater than zero");
		}
		return duration;
	}

}
