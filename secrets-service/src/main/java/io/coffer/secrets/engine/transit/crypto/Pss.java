package io.coffer.secrets.engine.transit.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * EMSA-PSS encoding and verification (RFC 8017 §9.1) with MGF1 over the same hash.
 * Written out because Vault signs caller-supplied digests ({@code prehashed}) and
 * verifies with Go's "auto" salt length, neither of which the JDK's {@code RSASSA-PSS}
 * offers.
 */
final class Pss {

	/** Salt length that verification detects from the encoded message, as Go's "auto". */
	static final int AUTO = -1;

	private Pss() {
	}

	static byte[] encode(byte[] mHash, int emBits, int saltLength, HashAlgorithm hash, SecureRandom random) {
		int hLen = mHash.length;
		int emLen = (emBits + 7) / 8;
		if (emLen < hLen + saltLength + 2) {
			throw new IllegalArgumentException("salt too long for the key");
		}
		byte[] salt = new byte[saltLength];
		random.nextBytes(salt);
		byte[] h = hashOf(mHash, salt, hash);
		byte[] db = new byte[emLen - hLen - 1];
		db[emLen - saltLength - hLen - 2] = 0x01;
		System.arraycopy(salt, 0, db, db.length - saltLength, saltLength);
		xor(db, mgf1(h, db.length, hash));
		db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
		byte[] em = Arrays.copyOf(db, emLen);
		System.arraycopy(h, 0, em, db.length, hLen);
		em[emLen - 1] = (byte) 0xBC;
		return em;
	}

	static boolean verify(byte[] mHash, byte[] em, int emBits, int saltLength, HashAlgorithm hash) {
		int hLen = mHash.length;
		int emLen = (emBits + 7) / 8;
		if (em.length != emLen || emLen < hLen + Math.max(saltLength, 0) + 2 || em[emLen - 1] != (byte) 0xBC) {
			return false;
		}
		int topBits = 8 * emLen - emBits;
		byte[] db = Arrays.copyOf(em, emLen - hLen - 1);
		byte[] h = Arrays.copyOfRange(em, db.length, db.length + hLen);
		if ((db[0] & (0xFF << (8 - topBits)) & 0xFF) != 0) {
			return false;
		}
		xor(db, mgf1(h, db.length, hash));
		db[0] &= (byte) (0xFF >>> topBits);
		int one = 0;
		while (one < db.length && db[one] == 0) {
			one++;
		}
		if (one == db.length || db[one] != 0x01) {
			return false;
		}
		int detected = db.length - one - 1;
		if (saltLength != AUTO && detected != saltLength) {
			return false;
		}
		byte[] salt = Arrays.copyOfRange(db, one + 1, db.length);
		return MessageDigest.isEqual(h, hashOf(mHash, salt, hash));
	}

	private static byte[] hashOf(byte[] mHash, byte[] salt, HashAlgorithm hash) {
		MessageDigest digest = hash.newDigest();
		digest.update(new byte[8]);
		digest.update(mHash);
		digest.update(salt);
		return digest.digest();
	}

	private static byte[] mgf1(byte[] seed, int length, HashAlgorithm hash) {
		byte[] out = new byte[length];
		int filled = 0;
		for (int counter = 0; filled < length; counter++) {
			MessageDigest digest = hash.newDigest();
			digest.update(seed);
			digest.update(new byte[] { (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
					(byte) counter });
			byte[] block = digest.digest();
			int take = Math.min(block.length, length - filled);
			System.arraycopy(block, 0, out, filled, take);
			filled += take;
		}
		return out;
	}

	private static void xor(byte[] target, byte[] mask) {
		for (int i = 0; i < target.length; i++) {
			target[i] ^= mask[i];
		}
	}

}
