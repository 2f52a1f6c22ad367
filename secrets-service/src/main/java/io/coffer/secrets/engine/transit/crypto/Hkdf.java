package io.coffer.secrets.engine.transit.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), as Vault derives per-context keys: the key version's
 * material is the input keying material, the request context is the info, the salt is
 * empty. Hand-written because the JDK 21 API has no HKDF.
 */
public final class Hkdf {

	private static final String HMAC = "HmacSHA256";

	private static final int HASH_BYTES = 32;

	private Hkdf() {
	}

	/**
	 * @param ikm the input keying material
	 * @param salt the salt; null or empty means {@code HashLen} zero bytes (RFC 5869
	 * §2.2)
	 * @param info the context
	 * @param length the output length, at most 255 * 32 bytes
	 */
	public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
		if (length < 0 || length > 255 * HASH_BYTES) {
			throw new IllegalArgumentException("HKDF output length out of range");
		}
		byte[] prk = extract(salt, ikm);
		try {
			return expand(prk, (info != null) ? info : new byte[0], length);
		}
		finally {
			Bytes.wipe(prk);
		}
	}

	static byte[] extract(byte[] salt, byte[] ikm) {
		byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_BYTES] : salt;
		return mac(effectiveSalt).doFinal(ikm);
	}

	static byte[] expand(byte[] prk, byte[] info, int length) {
		Mac mac = mac(prk);
		byte[] out = new byte[length];
		byte[] block = new byte[0];
		int filled = 0;
		for (int counter = 1; filled < length; counter++) {
			mac.update(block);
			mac.update(info);
			mac.update((byte) counter);
			byte[] next = mac.doFinal();
			Bytes.wipe(block);
			block = next;
			int take = Math.min(block.length, length - filled);
			System.arraycopy(block, 0, out, filled, take);
			filled += take;
		}
		Bytes.wipe(block);
		return out;
	}

	private static Mac mac(byte[] key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("HMAC-SHA256 unavailable", ex);
		}
	}

}
