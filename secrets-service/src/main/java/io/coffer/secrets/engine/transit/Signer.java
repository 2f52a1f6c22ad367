package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.util.Base64;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.engine.transit.crypto.EcdsaKeys;
import io.coffer.secrets.engine.transit.crypto.Ed25519Keys;
import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.engine.transit.crypto.RsaKeys;
import io.coffer.secrets.kernel.VaultException;

/**
 * Signing and verification with a named key, as Vault: ECDSA and RSA sign a digest of the
 * input (or the input itself when {@code prehashed}); Ed25519 signs the input.
 */
final class Signer {

	private final SecureRandom random;

	Signer(SecureRandom random) {
		this.random = random;
	}

	/**
	 * @param signature {@code vault:v<N>:<signature>}
	 * @param keyVersion the version used
	 * @param publicKey base64 public key of a derived ed25519 key, else null
	 */
	record Signature(String signature, int keyVersion, String publicKey) {
	}

	Signature sign(KeyPolicy policy, byte[] input, byte[] context, SignOptions options, int requestedVersion) {
		KeyType type = policy.type();
		if (!type.supportsSigning()) {
			throw VaultException.badRequest("key type " + type.vaultName() + " does not support signing");
		}
		int version = signingVersion(policy, requestedVersion);
		byte[] signed;
		String publicKey = null;
		switch (type.family()) {
			case ED25519 -> {
				requireNotPrehashed(options);
				byte[] key = Derivation.ed25519Key(policy, version, context);
				try {
					signed = Ed25519Keys.sign(key, input);
					if (policy.config().derived()) {
						publicKey = Base64.getEncoder().encodeToString(Ed25519Keys.publicKey(key));
					}
				}
				finally {
					Bytes.wipe(key);
				}
			}
			case ECDSA -> signed = EcdsaKeys.sign(policy.version(version).key(), digest(input, options), options.jws(),
					this.random);
			default -> signed = rsaSign(policy.version(version), digest(input, options), options);
		}
		return new Signature(VersionedValue.format(version, encode(signed, options)), version, publicKey);
	}

	boolean verify(KeyPolicy policy, byte[] input, byte[] context, SignOptions options, String signature) {
		KeyType type = policy.type();
		if (!type.supportsSigning()) {
			throw VaultException.badRequest("key type " + type.vaultName() + " does not support verification");
		}
		VersionedValue value = VersionedValue.parse(signature, "signature");
		value.checkAgainst(policy, "signature");
		byte[] signatureBytes = decode(value.payload(), options);
		KeyVersion entry = policy.version(value.version());
		return switch (type.family()) {
			case ED25519 -> {
				requireNotPrehashed(options);
				yield Ed25519Keys.verify(ed25519PublicKey(policy, value.version(), context), input, signatureBytes);
			}
			case ECDSA -> EcdsaKeys.verify(entry.publicKey(), digest(input, options), signatureBytes, options.jws());
			default -> options.pss()
					? RsaKeys.verifyPss(entry.publicKey(), digest(input, options), options.hash(), options.saltLength(),
							signatureBytes)
					: RsaKeys.verifyPkcs1(entry.publicKey(), digest(input, options), options.hash(), signatureBytes);
		};
	}

	private byte[] rsaSign(KeyVersion entry, byte[] digest, SignOptions options) {
		if (!options.pss()) {
			return RsaKeys.signPkcs1(entry.key(), digest, options.hash());
		}
		int max = RsaKeys.maxSaltLength(RsaKeys.modulusBits(entry.publicKey()), options.hash());
		int salt = (options.saltLength() == SignOptions.AUTO_SALT) ? max : options.saltLength();
		if (salt > max) {
			throw VaultException.badRequest("requested salt length " + salt + " is invalid");
		}
		return RsaKeys.signPss(entry.key(), digest, options.hash(), salt, this.random);
	}

	/** What ECDSA and RSA sign: the digest of the input, or the caller's digest. */
	private static byte[] digest(byte[] input, SignOptions options) {
		if (!options.prehashed()) {
			return options.hash().digest(input);
		}
		if (options.hash() != HashAlgorithm.NONE && input.length != options.hash().length()) {
			throw VaultException
				.badRequest("prehashed input does not match the length of " + options.hash().vaultName());
		}
		return input;
	}

	private static byte[] ed25519PublicKey(KeyPolicy policy, int version, byte[] context) {
		if (!policy.config().derived()) {
			return Base64.getDecoder().decode(policy.version(version).publicKey());
		}
		byte[] key = Derivation.ed25519Key(policy, version, context);
		try {
			return Ed25519Keys.publicKey(key);
		}
		finally {
			Bytes.wipe(key);
		}
	}

	static int signingVersion(KeyPolicy policy, int requested) {
		if (requested == 0) {
			return policy.latestVersion();
		}
		if (requested < 0) {
			throw VaultException.badRequest("requested version for signing is negative");
		}
		if (requested > policy.latestVersion()) {
			throw VaultException.badRequest("requested version for signing is higher than the latest key version");
		}
		if (policy.config().minEncryptionVersion() > 0 && requested < policy.config().minEncryptionVersion()) {
			throw VaultException
				.badRequest("requested version for signing is less than the minimum encryption key version");
		}
		return requested;
	}

	private static void requireNotPrehashed(SignOptions options) {
		if (options.prehashed()) {
			throw VaultException.badRequest("prehashed input is not supported for ed25519 keys");
		}
	}

	private static String encode(byte[] signature, SignOptions options) {
		return options.jws() ? Base64.getUrlEncoder().withoutPadding().encodeToString(signature)
				: Base64.getEncoder().encodeToString(signature);
	}

	private static byte[] decode(String text, SignOptions options) {
		try {
			return options.jws() ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest("invalid base64 signature value");
		}
	}

}
