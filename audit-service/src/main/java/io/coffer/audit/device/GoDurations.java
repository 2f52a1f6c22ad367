package io.coffer.audit.device;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration option the way Vault's devices do
 * ({@code parseutil.ParseDurationSecond}): a bare number is seconds, otherwise Go's
 * duration syntax, one or more numbers with a unit ({@code ns}, {@code us}, {@code ms},
 * {@code s}, {@code m}, {@code h}), e.g. {@code write_timeout=2s} or {@code 1m30s}.
 */
public final class GoDurations {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

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
		Duration duration = parse(name, value.strip());
		if (duration.isZero()) {
			throw new IllegalArgumentException("'" + name + "' must be greater than zero");
		}
		return duration;
	}

	private static Duration parse(String name, String value) {
		try {
			if (value.matches("\\d+")) {
				return Duration.ofSeconds(Long.parseLong(value));
			}
			Matcher matcher = PART.matcher(value);
			long nanos = 0;
			int end = 0;
			while (matcher.find() && matcher.start() == end) {
				long unit = switch (matcher.group(2)) {
					case "ns" -> 1L;
					case "us", "µs" -> 1_000L;
					case "ms" -> 1_000_000L;
					case "s" -> 1_000_000_000L;
					case "m" -> 60_000_000_000L;
					default -> 3_600_000_000_000L;
				};
				nanos += (long) (Double.parseDouble(matcher.group(1)) * unit);
				end = matcher.end();
			}
			if (end == 0 || end != value.length()) {
				throw new NumberFormatException(value);
			}
			return Duration.ofNanos(nanos);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"unable to parse '" + name + "': time: invalid duration \"" + value + "\"");
		}
	}

}
