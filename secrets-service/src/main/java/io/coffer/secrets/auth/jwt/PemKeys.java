package io.coffer.secrets.auth.jwt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code jwt_validation_pubkeys}: PEM public keys ({@code PUBLIC KEY}, RSA or EC) or
 * certificates, parsed by the JDK.
 */
final class PemKeys {

	private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

	private static final String BEGIN_KEY = "-----BEGIN PUBLIC KEY-----";

	private static final String END_KEY = "-----END PUBLIC KEY-----";

	private PemKeys() {
	}

	/**
	 * @throws IllegalArgumentException Vault's message for a value that is no PEM public
	 * key
	 */
	static List<PublicKey> parse(List<String> pems) {
		List<PublicKey> keys = new ArrayList<>();
		for (String pem : pems) {
			keys.add(parse(pem));
		}
		return keys;
	}

	private static PublicKey parse(String pem) {
		String text = pem.trim();
		if (text.startsWith(BEGIN_CERTIFICATE)) {
			try {
				return CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
					.getPublicKey();
			}
			catch (GeneralSecurityException ex) {
				throw invalid();
			}
		}
		if (!text.startsWith(BEGIN_KEY) || !text.endsWith(END_KEY)) {
			throw invalid();
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(text.substring(BEGIN_KEY.length(), text.length() - END_KEY.length()));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		for (String algorithm : List.of("RSA", "EC")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// not a key of this type: try the next one
			}
		}
		throw invalid();
	}

	private static IllegalArgumentException invalid() {
		return new IllegalArgumentException(
				"error parsing public key: data does not contain any valid RSA or EC public key");
	}

}
