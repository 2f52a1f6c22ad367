package io.coffer.secrets.engine.transit.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticated ciphers of Vault's symmetric key types: AES-GCM with a 96-bit nonce
 * and 128-bit tag, and ChaCha20-Poly1305 (RFC 8439). Both return {@code ct || tag}.
 */
public enum Aead {

	AES_GCM("AES/GCM/NoPadding", "AES"), CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

	/** Both ciphers take a 12-byte nonce. */
	public static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final String transformation;

	private final String keyAlgorithm;

	Aead(String transformation, String keyAlgorithm) {
		this.transformation = transformation;
		this.keyAlgorithm = keyAlgorithm;
	}

	public byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
		try {
			Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
			return cipher.doFinal(plaintext);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException(this.transformation + " encryption failed", ex);
		}
	}

	/**
	 * @throws AuthenticationException when the tag does not verify (wrong key or tampered
	 * input)
	 */
	public byte[] open(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData) {
		Cipher cipher;
		try {
			cipher = init(Cipher.DECRYPT_MODE, key, nonce, associatedData);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException(this.transformation + " decryption unavailable", ex);
		}
		try {
			return cipher.doFinal(ciphertextAndTag);
		}
		catch (GeneralSecurityException ex) {
			// A bad tag, and too-short input, both mean "not a valid ciphertext for this
			// key".
			throw new AuthenticationException();
		}
	}

	private Cipher init(int mode, byte[] key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(this.transformation);
		AlgorithmParameterSpec params = (this == AES_GCM) ? new GCMParameterSpec(TAG_BITS, nonce)
				: new IvParameterSpec(nonce);
		cipher.init(mode, new SecretKeySpec(key, this.keyAlgorithm), params);
		if (associatedData != null && associatedData.length > 0) {
			cipher.updateAAD(associatedData);
		}
		return cipher;
	}

}
