package io.coffer.audit.device.socket;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's duration option values: {@code 2s}, {@code 500ms}, {@code 1m30s}, or seconds.
 */
final class GoDuration {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

	private GoDuration() {
	}

	static Duration parse(String text, String option) {
		String value = text.strip();
		try {
			if (value.matches("\\d+")) {
				return Duration.ofSeconds(Long.parseLong(value));
			}
			Matcher matcher = PART.matcher(value);
			long nanos = 0;
			int end = 0;
			while (matcher.find() && matcher.start() == end) {
				double amount = Double.parseDouble(matcher.group(1));
				long unit = switch (matcher.group(2)) {
					case "ns" -> 1L;
					case "us", "µs" -> 1_000L;
					case "ms" -> 1_000_000L;
					case "s" -> 1_000_000_000L;
					case "m" -> 60_000_000_000L;
					default -> 3_600_000_000_000L;
				};
				nanos += (long) (amount * unit);
				end = matcher.end();
			}
			if (end == 0 || end != value.length()) {
				throw new NumberFormatException();
			}
			return Duration.ofNanos(nanos);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("unable to parse '" + option + "': invalid duration \"" + text + "\"");
		}
	}

}
