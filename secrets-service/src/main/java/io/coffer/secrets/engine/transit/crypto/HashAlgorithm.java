package io.coffer.secrets.engine.transit.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vault's hash names with their JDK algorithms and the DER {@code DigestInfo} prefix that
 * PKCS #1 v1.5 signatures wrap around a digest (RFC 8017 §9.2, note 1).
 */
public enum HashAlgorithm {

	SHA1("sha1", "SHA-1", "HmacSHA1", "3021300906052b0e03021a05000414"),
	SHA2_224("sha2-224", "SHA-224", "HmacSHA224", "302d300d06096086480165030402040500041c"),
	SHA2_256("sha2-256", "SHA-256", "HmacSHA256", "3031300d060960864801650304020105000420"),
	SHA2_384("sha2-384", "SHA-384", "HmacSHA384", "3041300d060960864801650304020205000430"),
	SHA2_512("sha2-512", "SHA-512", "HmacSHA512", "3051300d060960864801650304020305000440"),
	SHA3_224("sha3-224", "SHA3-224", "HmacSHA3-224", "302d300d06096086480165030402070500041c"),
	SHA3_256("sha3-256", "SHA3-256", "HmacSHA3-256", "3031300d060960864801650304020805000420"),
	SHA3_384("sha3-384", "SHA3-384", "HmacSHA3-384", "3041300d060960864801650304020905000430"),
	SHA3_512("sha3-512", "SHA3-512", "HmacSHA3-512", "3051300d060960864801650304020a05000440"),
	/** Only for PKCS #1 v1.5 signatures over input the caller already formatted. */
	NONE("none", null, null, "");

	private final String vaultName;

	private final String jdkName;

	private final String hmacName;

	private final byte[] digestInfoPrefix;

	HashAlgorithm(String vaultName, String jdkName, String hmacName, String digestInfoPrefix) {
		this.vaultName = vaultName;
		this.jdkName = jdkName;
		this.hmacName = hmacName;
		this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefix);
	}

	public static Optional<HashAlgorithm> fromVaultName(String name) {
		for (HashAlgorithm algorithm : values()) {
			if (algorithm.vaultName.equals(name)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	public String vaultName() {
		return this.vaultName;
	}

	/** Whether the hash and HMAC endpoints accept it (SHA-2 and SHA-3 only, as Vault). */
	public boolean isSha2OrSha3() {
		return this != SHA1 && this != NONE;
	}

	/** The digest length in bytes (0 for {@link #NONE}). */
	public int length() {
		return (this == NONE) ? 0 : newDigest().getDigestLength();
	}

	public byte[] digest(byte[] input) {
		return (this == NONE) ? input.clone() : newDigest().digest(input);
	}

	public byte[] hmac(byte[] key, byte[] input) {
		if (this == NONE) {
			throw new IllegalStateException("no HMAC without a hash");
		}
		try {
			Mac mac = Mac.getInstance(this.hmacName);
			mac.init(new SecretKeySpec(key, this.hmacName));
			return mac.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException(this.hmacName + " unavailable", ex);
		}
	}

	byte[] digestInfoPrefix() {
		return this.digestInfoPrefix.clone();
	}

	MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance(this.jdkName);
		}
		catch (GeneralSecurityException ex) {
			throw new CryptoException(this.jdkName + " unavailable", ex);
		}
	}

}
