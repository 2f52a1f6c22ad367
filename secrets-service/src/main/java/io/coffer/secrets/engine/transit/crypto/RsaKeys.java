package io.coffer.secrets.engine.transit.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA as Vault uses it: OAEP with SHA-256 (and MGF1-SHA-256) for encryption; PSS or PKCS
 * #1 v1.5 signatures over a digest the caller computed.
 */
public final class RsaKeys {

	private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
			PSource.PSpecified.DEFAULT);

	private RsaKeys() {
	}

	/** A new key pair's private key as PKCS #8 DER. */
	public static byte[] generate(int bits, SecureRandom random) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits, random);
			return generator.generateKeyPair().getPrivate().getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("RSA key generation failed", ex);
		}
	}

	public static String publicKeyPem(byte[] pkcs8) {
		RSAPrivateCrtKey key = privateKey(pkcs8);
		try {
			PublicKey publicKey = KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
			return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("RSA public key unavailable", ex);
		}
	}

	public static byte[] encrypt(String publicKeyPem, byte[] plaintext, SecureRandom random) {
		try {
			Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
			cipher.init(Cipher.ENCRYPT_MODE, publicKey(publicKeyPem), OAEP, random);
			return cipher.doFinal(plaintext);
		}
		catch (javax.crypto.IllegalBlockSizeException ex) {
			throw new IllegalArgumentException("plaintext too long for the RSA key", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("RSA encryption failed", ex);
		}
	}

	/**
	 * @throws AuthenticationException when the ciphertext does not decrypt
	 */
	public static byte[] decrypt(byte[] pkcs8, byte[] ciphertext) {
		Cipher cipher;
		try {
			cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
			cipher.init(Cipher.DECRYPT_MODE, privateKey(pkcs8), OAEP);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("RSA decryption unavailable", ex);
		}
		try {
			return cipher.doFinal(ciphertext);
		}
		catch (GeneralSecurityException ex) {
			throw new AuthenticationException();
		}
	}

	/** PKCS #1 v1.5: {@code DigestInfo(hash, digest)} signed with type-1 padding. */
	public static byte[] signPkcs1(byte[] pkcs8, byte[] digest, HashAlgorithm hash) {
		try {
			Signature signature = Signature.getInstance("NONEwithRSA");
			signature.initSign(privateKey(pkcs8));
			signature.update(hash.digestInfoPrefix());
			signature.update(digest);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("input too long for the RSA key", ex);
		}
	}

	public static boolean verifyPkcs1(String publicKeyPem, byte[] digest, HashAlgorithm hash, byte[] signatureBytes) {
		try {
			Signature signature = Signature.getInstance("NONEwithRSA");
			signature.initVerify(publicKey(publicKeyPem));
			signature.update(hash.digestInfoPrefix());
			signature.update(digest);
			return signature.verify(signatureBytes);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** The largest PSS salt for this key and hash: what Go's "auto" uses when signing. */
	public static int maxSaltLength(int modulusBits, HashAlgorithm hash) {
		return (modulusBits - 1 + 7) / 8 - 2 - hash.length();
	}

	public static int modulusBits(String publicKeyPem) {
		try {
			return publicKey(publicKeyPem).getModulus().bitLength();
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("stored RSA key is unreadable", ex);
		}
	}

	public static byte[] signPss(byte[] pkcs8, byte[] digest, HashAlgorithm hash, int saltLength, SecureRandom random) {
		RSAPrivateCrtKey key = privateKey(pkcs8);
		int bits = key.getModulus().bitLength();
		byte[] encoded = Pss.encode(digest, bits - 1, saltLength, hash, random);
		try {
			Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
			raw.init(Cipher.ENCRYPT_MODE, key, random);
			return raw.doFinal(encoded);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("RSA signing failed", ex);
		}
	}

	/**
	 * @param saltLength the expected salt length, or {@code -1} to accept any
	 */
	public static boolean verifyPss(String publicKeyPem, byte[] digest, HashAlgorithm hash, int saltLength,
			byte[] signatureBytes) {
		try {
			RSAPublicKey key = publicKey(publicKeyPem);
			int bits = key.getModulus().bitLength();
			int k = (bits + 7) / 8;
			if (signatureBytes.length != k || new BigInteger(1, signatureBytes).compareTo(key.getModulus()) >= 0) {
				return false;
			}
			Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
			raw.init(Cipher.DECRYPT_MODE, key);
			byte[] em = raw.doFinal(signatureBytes);
			int emLen = (bits - 1 + 7) / 8;
			for (int i = 0; i < em.length - emLen; i++) {
				if (em[i] != 0) {
					return false;
				}
			}
			return Pss.verify(digest, Arrays.copyOfRange(em, em.length - emLen, em.length), bits - 1,
					saltLength < 0 ? Pss.AUTO : saltLength, hash);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * The private key as PKCS #1 {@code RSAPrivateKey} (Vault's default export format).
	 */
	public static byte[] pkcs1(byte[] pkcs8) {
		RSAPrivateCrtKey key = privateKey(pkcs8);
		return Der.sequence(Der.integer(0), Der.integer(key.getModulus()), Der.integer(key.getPublicExponent()),
				Der.integer(key.getPrivateExponent()), Der.integer(key.getPrimeP()), Der.integer(key.getPrimeQ()),
				Der.integer(key.getPrimeExponentP()), Der.integer(key.getPrimeExponentQ()),
				Der.integer(key.getCrtCoefficient()));
	}

	private static RSAPrivateCrtKey privateKey(byte[] pkcs8) {
		try {
			return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("stored RSA key is unreadable", ex);
		}
	}

	private static RSAPublicKey publicKey(String pem) throws GeneralSecurityException {
		return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Pem.decode(pem)));
	}

}
