package io.coffer.secrets.barrier;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message; the caller's associated data binds a
 * ciphertext to where it is stored, so a value moved to another key fails to decrypt.
 * Output: nonce || ciphertext || 128-bit tag.
 */
public final class AesGcm {

	public static final int KEY_BYTES = 32;

	public static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private AesGcm() {
	}

	public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] aad, SecureRandom random) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad);
			byte[] sealed = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * @throws BarrierException when the data was tampered with, moved, or sealed under
	 * another key
	 */
	public static byte[] decrypt(byte[] key, byte[] nonceAndCiphertext, byte[] aad) {
		if (nonceAndCiphertext.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new BarrierException("ciphertext too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
					new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, 0, NONCE_BYTES));
			cipher.updateAAD(aad);
			return cipher.doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new BarrierException("message authentication failed");
		}
	}

}
