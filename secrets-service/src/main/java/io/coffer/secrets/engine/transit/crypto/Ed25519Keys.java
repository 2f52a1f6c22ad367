package io.coffer.secrets.engine.transit.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 keys in Go's layout, which Vault stores and exports: a 64-byte private key
 * {@code seed || public key} and a 32-byte public key.
 */
public final class Ed25519Keys {

	public static final int SEED_BYTES = 32;

	private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

	private Ed25519Keys() {
	}

	/** A new private key in Go's 64-byte layout. */
	public static byte[] generate(SecureRandom random) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
			generator.initialize(NamedParameterSpec.ED25519, random);
			return goLayout(generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("Ed25519 unavailable", ex);
		}
	}

	/**
	 * The private key whose seed is {@code seed}, in Go's 64-byte layout. The JDK has no
	 * seed-to-public-key call, so the generator is fed the seed as its only random draw.
	 */
	public static byte[] fromSeed(byte[] seed) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
			generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
			return goLayout(generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("Ed25519 unavailable", ex);
		}
	}

	public static byte[] publicKey(byte[] privateKey) {
		return Arrays.copyOfRange(privateKey, SEED_BYTES, 2 * SEED_BYTES);
	}

	public static byte[] sign(byte[] privateKey, byte[] input) {
		byte[] seed = Arrays.copyOf(privateKey, SEED_BYTES);
		try {
			PrivateKey key = KeyFactory.getInstance("Ed25519")
				.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(key);
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("Ed25519 signing failed", ex);
		}
		finally {
			Bytes.wipe(seed);
		}
	}

	public static boolean verify(byte[] publicKey, byte[] input, byte[] signatureBytes) {
		try {
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki(publicKey)));
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(key);
			signature.update(input);
			return signature.verify(signatureBytes);
		}
		catch (java.security.SignatureException | java.security.spec.InvalidKeySpecException ex) {
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("Ed25519 verification failed", ex);
		}
	}

	/** The public key as an X.509 SubjectPublicKeyInfo. */
	public static byte[] spki(byte[] publicKey) {
		byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + publicKey.length);
		System.arraycopy(publicKey, 0, out, SPKI_PREFIX.length, publicKey.length);
		return out;
	}

	/** The private key as PKCS #8 (RFC 8410). */
	public static byte[] pkcs8(byte[] privateKey) {
		byte[] out = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + SEED_BYTES);
		System.arraycopy(privateKey, 0, out, PKCS8_PREFIX.length, SEED_BYTES);
		return out;
	}

	private static byte[] goLayout(KeyPair pair) {
		byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
			.orElseThrow(() -> new CryptoException("Ed25519 key without seed"));
		byte[] encoded = pair.getPublic().getEncoded();
		byte[] out = Arrays.copyOf(seed, 2 * SEED_BYTES);
		System.arraycopy(encoded, encoded.length - SEED_BYTES, out, SEED_BYTES, SEED_BYTES);
		Bytes.wipe(seed);
		return out;
	}

	/** Hands out exactly the given seed, so that a key pair can be rebuilt from it. */
	private static final class SeedAsRandom extends SecureRandom {

		private final transient byte[] seed;

		SeedAsRandom(byte[] seed) {
			this.seed = seed;
		}

		@Override
		public void nextBytes(byte[] bytes) {
			if (bytes.length != this.seed.length) {
				throw new IllegalStateException("unexpected Ed25519 seed request");
			}
			System.arraycopy(this.seed, 0, bytes, 0, bytes.length);
		}

	}

}
