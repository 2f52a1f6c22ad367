package io.coffer.secrets.auth.kubernetes;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pem_keys}: the first PEM block of each value, a {@code PUBLIC KEY} (PKIX) or a
 * certificate whose key is taken, RSA or EC only (as Vault's {@code parsePublicKeyPEM}).
 */
final class ServiceAccountKeys {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");

	private static final String INVALID = "data does not contain any valid RSA or ECDSA public keys";

	private ServiceAccountKeys() {
	}

	/**
	 * @throws IllegalArgumentException Vault's message for a value holding no RSA or EC
	 * public key
	 */
	static List<PublicKey> parse(List<String> pems) {
		List<PublicKey> keys = new ArrayList<>();
		for (String pem : pems) {
			keys.add(parse(pem));
		}
		return keys;
	}

	private static PublicKey parse(String pem) {
		Matcher block = BLOCK.matcher(pem);
		if (!block.find()) {
			throw new IllegalArgumentException(INVALID);
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(block.group(2).trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(INVALID);
		}
		PublicKey key = publicKey(der);
		if (key == null) {
			key = certificateKey(der);
		}
		if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
			throw new IllegalArgumentException(INVALID);
		}
		return key;
	}

	private static PublicKey publicKey(byte[] der) {
		for (String algorithm : List.of("RSA", "EC")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// not a key of this type: try the next one
			}
		}
		return null;
	}

	private static PublicKey certificateKey(byte[] der) {
		try {
			return CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der))
				.getPublicKey();
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

}
