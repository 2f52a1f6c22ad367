package io.coffer.secrets.engine.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

import io.coffer.secrets.kernel.VaultException;

/**
 * A key type and size as Vault's {@code key_type}/{@code key_bits} name them, validated
 * with Vault's messages; generates key pairs and names the signature algorithm a CA key
 * of this type signs with.
 *
 * @param type {@code rsa}, {@code ec}, {@code ed25519} (or {@code any} on a role, for
 * signing CSRs of any key)
 * @param bits the size (RSA modulus, EC curve); 0 for ed25519 and any
 */
record KeySpec(String type, int bits) {

	static final String RSA = "rsa";

	static final String EC = "ec";

	static final String ED25519 = "ed25519";

	static final String ANY = "any";

	/**
	 * Validates {@code type}/{@code bits} and applies Vault's defaults (2048 for RSA, 256
	 * for EC).
	 * @param allowAny whether {@code any} is accepted (roles only)
	 */
	static KeySpec of(String type, int bits, boolean allowAny) {
		String normalized = type.toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case RSA -> {
				int size = (bits == 0) ? 2048 : bits;
				if (size != 2048 && size != 3072 && size != 4096 && size != 8192) {
					throw VaultException.badRequest("unsupported bit length for RSA key: " + bits);
				}
				yield new KeySpec(RSA, size);
			}
			case EC -> {
				int size = (bits == 0) ? 256 : bits;
				if (size != 256 && size != 384 && size != 521) {
					throw VaultException.badRequest("unsupported bit length for EC key: " + bits);
				}
				yield new KeySpec(EC, size);
			}
			case ED25519 -> new KeySpec(ED25519, 0);
			case ANY -> {
				if (!allowAny) {
					throw VaultException.badRequest("unknown key type " + type);
				}
				yield new KeySpec(ANY, 0);
			}
			default -> throw VaultException.badRequest("unknown key type " + type);
		};
	}

	KeyPair generate(SecureRandom random) {
		try {
			return switch (this.type) {
				case RSA -> {
					KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
					generator.initialize(this.bits, random);
					yield generator.generateKeyPair();
				}
				case EC -> {
					KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
					generator.initialize(new ECGenParameterSpec(curve(this.bits)), random);
					yield generator.generateKeyPair();
				}
				case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
				default -> throw VaultException.badRequest("unknown key type " + this.type);
			};
		}
		catch (GeneralSecurityException ex) {
			throw new VaultException(500, "could not generate a " + this.type + " key");
		}
	}

	/** The type and size of an existing public key (a CSR's, a CA's). */
	static KeySpec of(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return new KeySpec(RSA, rsa.getModulus().bitLength());
		}
		if (key instanceof ECPublicKey ec) {
			return new KeySpec(EC, ec.getParams().getCurve().getField().getFieldSize());
		}
		if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
			return new KeySpec(ED25519, 0);
		}
		return new KeySpec(key.getAlgorithm().toLowerCase(Locale.ROOT), 0);
	}

	/**
	 * The JCA signature algorithm of a CA key of this type: SHA-256 for RSA, the hash
	 * matching the curve for EC (as Vault's default {@code signature_bits}).
	 */
	String signatureAlgorithm() {
		return switch (this.type) {
			case RSA -> "SHA256withRSA";
			case EC -> switch (this.bits) {
				case 384 -> "SHA384withECDSA";
				case 521 -> "SHA512withECDSA";
				default -> "SHA256withECDSA";
			};
			case ED25519 -> "Ed25519";
			default -> throw new VaultException(500, "unsupported CA key type");
		};
	}

	private static String curve(int bits) {
		return switch (bits) {
			case 384 -> "secp384r1";
			case 521 -> "secp521r1";
			default -> "secp256r1";
		};
	}

}
