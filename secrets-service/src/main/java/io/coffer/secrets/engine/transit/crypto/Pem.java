package io.coffer.secrets.engine.transit.crypto;

import java.util.Base64;

/** PEM armour as Go's {@code pem.EncodeToMemory} writes it (64-column lines). */
public final class Pem {

	private Pem() {
	}

	/** PEM text ending in a newline, as Vault returns public keys. */
	public static String encode(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	/** The DER bytes of the first PEM block of {@code text}. */
	public static byte[] decode(String text) {
		int begin = text.indexOf("-----BEGIN ");
		int bodyStart = text.indexOf('\n', begin);
		int end = text.indexOf("-----END ", bodyStart);
		if (begin < 0 || bodyStart < 0 || end < 0) {
			throw new CryptoException("not a PEM block");
		}
		return Base64.getMimeDecoder().decode(text.substring(bodyStart + 1, end));
	}

}
