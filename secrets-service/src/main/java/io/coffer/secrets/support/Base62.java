package io.coffer.secrets.support;

import java.security.SecureRandom;

/** Random base62 strings, as Vault uses for token bodies, lease ids and OTPs. */
public final class Base62 {

	private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		.toCharArray();

	private Base62() {
	}

	public static String random(SecureRandom random, int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(out);
	}

}
