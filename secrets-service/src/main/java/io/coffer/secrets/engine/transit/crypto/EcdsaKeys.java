package io.coffer.secrets.engine.transit.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * ECDSA over the NIST curves. Vault hashes the input itself and signs the digest, so the
 * JDK's {@code NONEwithECDSA} family is used; signatures are ASN.1 DER or, for JWS, the
 * fixed-width {@code r || s} of IEEE P1363.
 */
public final class EcdsaKeys {

	/** Vault's curves: JDK name, Go's name, field size in bytes and the DER OID. */
	public enum Curve {

		P256("secp256r1", "P-256", 32, "06082a8648ce3d030107"), P384("secp384r1", "P-384", 48, "06052b81040022"),
		P521("secp521r1", "P-521", 66, "06052b81040023");

		private final String jdkName;

		private final String goName;

		private final int fieldBytes;

		private final byte[] oid;

		Curve(String jdkName, String goName, int fieldBytes, String oid) {
			this.jdkName = jdkName;
			this.goName = goName;
			this.fieldBytes = fieldBytes;
			this.oid = HexFormat.of().parseHex(oid);
		}

		/** Go's {@code elliptic.Curve} name, which Vault reports as the key's name. */
		public String goName() {
			return this.goName;
		}

	}

	/**
	 * @param pkcs8 the private key as PKCS #8 DER
	 * @param publicKeyPem the public key as PKIX PEM
	 */
	public record Generated(byte[] pkcs8, String publicKeyPem) {

		@Override
		public String toString() {
			return "Generated[pkcs8=<redacted>]";
		}

	}

	private EcdsaKeys() {
	}

	public static Generated generate(Curve curve, SecureRandom random) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve.jdkName), random);
			KeyPair pair = generator.generateKeyPair();
			return new Generated(pair.getPrivate().getEncoded(),
					Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("ECDSA key generation failed", ex);
		}
	}

	/** Signs a digest; {@code jws} selects the {@code r || s} form over ASN.1 DER. */
	public static byte[] sign(byte[] pkcs8, byte[] digest, boolean jws, SecureRandom random) {
		try {
			PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			Signature signature = Signature.getInstance(algorithm(jws));
			signature.initSign(key, random);
			signature.update(digest);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("ECDSA signing failed", ex);
		}
	}

	public static boolean verify(String publicKeyPem, byte[] digest, byte[] signatureBytes, boolean jws) {
		try {
			PublicKey key = publicKey(publicKeyPem);
			Signature signature = Signature.getInstance(algorithm(jws));
			signature.initVerify(key);
			signature.update(digest);
			return signature.verify(signatureBytes);
		}
		catch (SignatureException ex) {
			// A malformed signature is simply not a valid one.
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("ECDSA verification failed", ex);
		}
	}

	/**
	 * The private key as SEC 1 {@code ECPrivateKey} with curve and public point, as Go's
	 * {@code x509.MarshalECPrivateKey} writes it (Vault's default export format).
	 */
	public static byte[] sec1(byte[] pkcs8, String publicKeyPem, Curve curve) {
		try {
			ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			ECPublicKey publicKey = (ECPublicKey) publicKey(publicKeyPem);
			byte[] d = fixed(key.getS(), curve.fieldBytes);
			byte[] point = new byte[1 + 2 * curve.fieldBytes];
			point[0] = 0x04;
			System.arraycopy(fixed(publicKey.getW().getAffineX(), curve.fieldBytes), 0, point, 1, curve.fieldBytes);
			System.arraycopy(fixed(publicKey.getW().getAffineY(), curve.fieldBytes), 0, point, 1 + curve.fieldBytes,
					curve.fieldBytes);
			byte[] out = Der.sequence(Der.integer(1), Der.octetString(d), Der.explicit(0, curve.oid.clone()),
					Der.explicit(1, Der.bitString(point)));
			Bytes.wipe(d);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException("stored ECDSA key is unreadable", ex);
		}
	}

	static PublicKey publicKey(String pem) throws GeneralSecurityException {
		return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Pem.decode(pem)));
	}

	private static String algorithm(boolean jws) {
		return jws ? "NONEwithECDSAinP1363Format" : "NONEwithECDSA";
	}

	private static byte[] fixed(BigInteger value, int length) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[length];
		int copy = Math.min(raw.length, length);
		System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
		Bytes.wipe(raw);
		return out;
	}

}
