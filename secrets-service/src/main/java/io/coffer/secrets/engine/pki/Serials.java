package io.coffer.secrets.engine.pki;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Certificate serial numbers as Vault shows them ({@code 1f:0a:...}, lower-case hex pairs
 * joined by colons) and stores them ({@code certs/1f-0a-...}).
 */
final class Serials {

	/** Colon- or hyphen-separated hex pairs, as clients send them back. */
	private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2})*");

	private Serials() {
	}

	/**
	 * A fresh serial: 159 random bits, positive and non-zero as RFC 5280 requires, as
	 * Vault draws them.
	 */
	static BigInteger random(SecureRandom random) {
		BigInteger serial;
		do {
			serial = new BigInteger(159, random);
		}
		while (serial.signum() == 0);
		return serial;
	}

	/** {@code 1f:0a:...} */
	static String format(BigInteger serial) {
		byte[] bytes = serial.toByteArray();
		int start = (bytes.length > 1 && bytes[0] == 0) ? 1 : 0;
		StringBuilder out = new StringBuilder();
		HexFormat hex = HexFormat.of();
		for (int i = start; i < bytes.length; i++) {
			if (out.length() > 0) {
				out.append(':');
			}
			out.append(hex.toHexDigits(bytes[i]));
		}
		return out.toString();
	}

	static boolean valid(String serial) {
		return SERIAL.matcher(serial).matches();
	}

	/** The storage form of a serial given with colons or hyphens. */
	static String storageKey(String serial) {
		return serial.toLowerCase(Locale.ROOT).replace(':', '-');
	}

	/** The displayed form of a stored serial. */
	static String display(String storageKey) {
		return storageKey.replace('-', ':');
	}

}
