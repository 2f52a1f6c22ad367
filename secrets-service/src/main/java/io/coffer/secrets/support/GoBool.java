package io.coffer.secrets.support;

import java.util.Optional;

/**
 * Go's {@code strconv.ParseBool}, which Vault uses for query flags such as
 * {@code list=true}.
 */
public final class GoBool {

	private GoBool() {
	}

	/** The parsed value, or empty when the text is not one of Go's boolean spellings. */
	public static Optional<Boolean> parse(String text) {
		return switch (text) {
			case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
			case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
			default -> Optional.empty();
		};
	}

	/**
	 * A JSON value as a boolean: booleans, Go's spellings in strings, numbers (non-zero
	 * is true).
	 */
	public static Optional<Boolean> of(Object value) {
		if (value instanceof Boolean bool) {
			return Optional.of(bool);
		}
		if (value instanceof Number number) {
			// Exact: 0.5 or 2^64 is non-zero, whatever longValue() makes of it.
			return Optional
				.of(number.doubleValue() != 0 || VaultIntegers.exact(number).map((n) -> n.signum() != 0).orElse(false));
		}
		if (value instanceof String text) {
			return parse(text);
		}
		return Optional.empty();
	}

}
