package io.coffer.secrets.seal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What is stored to verify recovery key shares: a salted HMAC-SHA256 of the 256-bit
 * recovery key, never the key. The key is random, so the check cannot be brute-forced,
 * and it is kept in the clear beside the seal configuration so that a rekey or migration
 * updates both in one atomic write.
 *
 * @param salt random, 32 bytes
 * @param mac HMAC-SHA256(salt, recovery key)
 */
record RecoveryKeyCheck(byte[] salt, byte[] mac) {

	static RecoveryKeyCheck of(byte[] recoveryKey, SecureRandom random) {
		byte[] salt = new byte[32];
		random.nextBytes(salt);
		return new RecoveryKeyCheck(salt, mac(salt, recoveryKey));
	}

	boolean matches(byte[] candidate) {
		return MessageDigest.isEqual(this.mac, mac(this.salt, candidate));
	}

	private static byte[] mac(byte[] salt, byte[] key) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
			return hmac.doFinal(key);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
