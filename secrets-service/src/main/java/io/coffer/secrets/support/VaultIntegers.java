package io.coffer.secrets.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;

/**
 * The one reader of integer request fields (Vault's {@code TypeInt}, weakly typed): a
 * JSON number with an integral value, or a string holding one. The value is compared
 * exactly with the field's range, so {@code 4294967296} or {@code 99999999999999999999}
 * is a 400 naming the field, never a value that wrapped around. Messages never echo the
 * value.
 */
public final class VaultIntegers {

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

	/**
	 * More integer digits than any long has: the value is out of range whatever it is.
	 */
	private static final int MAX_DIGITS = 20;

	private VaultIntegers() {
	}

	/**
	 * @param value the raw field value (JSON value or query string)
	 * @param field the field name, for the error message
	 * @param min the smallest value accepted
	 * @param max the largest value accepted
	 * @return empty when the field is absent (null or empty string)
	 * @throws VaultException 400 when the value is not an integer or is out of range
	 */
	public static OptionalLong optional(Object value, String field, long min, long max) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			return OptionalLong.empty();
		}
		BigInteger exact = exact(value).orElseThrow(() -> invalid(field, "expected an integer"));
		if (exact.compareTo(BigInteger.valueOf(min)) < 0) {
			throw invalid(field, (min == 0) ? "cannot be negative" : "must be at least " + min);
		}
		if (exact.compareTo(BigInteger.valueOf(max)) > 0) {
			throw invalid(field, "must be at most " + max);
		}
		return OptionalLong.of(exact.longValueExact());
	}

	/** {@link #optional} with a fallback for an absent field. */
	public static long parse(Object value, String field, long min, long max, long fallback) {
		return optional(value, field, min, max).orElse(fallback);
	}

	/** An {@code int} field: {@link #optional} within the given int range. */
	public static int parseInt(Object value, String field, int min, int max, int fallback) {
		return (int) optional(value, field, min, max).orElse(fallback);
	}

	/**
	 * An {@code int} field of any int value (callers with Vault's own range messages).
	 */
	public static int parseInt(Object value, String field, int fallback) {
		return parseInt(value, field, Integer.MIN_VALUE, Integer.MAX_VALUE, fallback);
	}

	/**
	 * The exact integral value of a number or numeric string; empty for anything else
	 * (fractions, NaN, infinities, maps, lists, booleans, text).
	 */
	public static Optional<BigInteger> exact(Object value) {
		BigDecimal decimal = switch (value) {
			case BigInteger big -> new BigDecimal(big);
			case BigDecimal big -> big;
			case Long number -> BigDecimal.valueOf(number);
			case Integer number -> BigDecimal.valueOf(number);
			case Short number -> BigDecimal.valueOf(number);
			case Byte number -> BigDecimal.valueOf(number);
			case Double number -> Double.isFinite(number) ? new BigDecimal(number) : null;
			case Float number -> Float.isFinite(number) ? new BigDecimal(number) : null;
			case String text -> DECIMAL.matcher(text.trim()).matches() ? new BigDecimal(text.trim()) : null;
			default -> null;
		};
		if (decimal == null || decimal.precision() - decimal.scale() > MAX_DIGITS) {
			// Out of range for every field: report as a huge value rather than expand it.
			return (decimal == null) ? Optional.empty()
					: Optional.of(BigInteger.TEN.pow(MAX_DIGITS).multiply(BigInteger.valueOf(decimal.signum())));
		}
		try {
			return Optional.of(decimal.toBigIntegerExact());
		}
		catch (ArithmeticException ex) {
			return Optional.empty();
		}
	}

	private static VaultException invalid(String field, String reason) {
		return VaultException.badRequest("invalid value for field \"" + field + "\": " + reason);
	}

}
