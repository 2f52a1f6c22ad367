package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import io.coffer.secrets.engine.transit.crypto.Aead;
import io.coffer.secrets.engine.transit.crypto.AuthenticationException;
import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.engine.transit.crypto.RsaKeys;
import io.coffer.secrets.kernel.VaultException;

/**
 * Encryption and decryption with a named key, in Vault's wire format:
 * {@code vault:v<N>:base64(nonce || ciphertext || tag)} for the AEAD types and
 * {@code vault:v<N>:base64(RSA-OAEP-SHA256 ciphertext)} for RSA.
 */
final class Encryptor {

	/** Convergent encryption's extra key, which makes the nonce from the plaintext. */
	private static final int CONVERGENT_HMAC_BYTES = 32;

	private final SecureRandom random;

	Encryptor(SecureRandom random) {
		this.random = random;
	}

	/**
	 * @param plaintext the bytes to encrypt
	 * @param context the derivation context (derived keys only)
	 * @param associatedData AEAD associated data, may be empty
	 * @param keyVersion the version to use, 0 for the latest
	 */
	record Input(byte[] plaintext, byte[] context, byte[] associatedData, int keyVersion) {
	}

	/** The ciphertext and the version it used. */
	record Output(String ciphertext, int keyVersion) {
	}

	Output encrypt(KeyPolicy policy, Input input) {
		KeyType type = policy.type();
		if (!type.supportsEncryption()) {
			throw VaultException.badRequest("message encryption not supported for key type " + type.vaultName());
		}
		int version = encryptionVersion(policy, input.keyVersion());
		byte[] sealed = (type.family() == KeyType.Family.RSA) ? rsaEncrypt(policy, version, input)
				: aeadEncrypt(policy, version, input);
		return new Output(VersionedValue.format(version, Base64.getEncoder().encodeToString(sealed)), version);
	}

	/**
	 * @return the plaintext bytes
	 */
	byte[] decrypt(KeyPolicy policy, String ciphertext, byte[] context, byte[] associatedData) {
		KeyType type = policy.type();
		if (!type.supportsEncryption()) {
			throw VaultException.badRequest("message decryption not supported for key type " + type.vaultName());
		}
		VersionedValue value = VersionedValue.parse(ciphertext, "ciphertext");
		value.checkAgainst(policy, "ciphertext");
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(value.payload());
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest("invalid ciphertext: could not decode base64");
		}
		if (type.family() == KeyType.Family.RSA) {
			try {
				return RsaKeys.decrypt(policy.version(value.version()).key(), decoded);
			}
			catch (AuthenticationException ex) {
				throw VaultException.badRequest("failed to RSA decrypt the ciphertext");
			}
		}
		return aeadDecrypt(policy, value.version(), decoded, context, associatedData);
	}

	static int encryptionVersion(KeyPolicy policy, int requested) {
		if (requested == 0) {
			return policy.latestVersion();
		}
		if (requested < 0) {
			throw VaultException.badRequest("requested version for encryption is negative");
		}
		if (requested > policy.latestVersion()) {
			throw VaultException.badRequest("requested version for encryption is higher than the latest key version");
		}
		if (requested < policy.config().minEncryptionVersion()) {
			throw VaultException
				.badRequest("requested version for encryption is less than the minimum encryption key version");
		}
		return requested;
	}

	private byte[] aeadEncrypt(KeyPolicy policy, int version, Input input) {
		KeyType type = policy.type();
		boolean convergent = policy.config().convergent();
		int encBytes = type.symmetricKeyBytes();
		byte[] key = Derivation.symmetricKey(policy, version, input.context(),
				encBytes + (convergent ? CONVERGENT_HMAC_BYTES : 0));
		byte[] encKey = Arrays.copyOf(key, encBytes);
		byte[] nonceKey = convergent ? Arrays.copyOfRange(key, encBytes, key.length) : null;
		try {
			// Convergent encryption (Vault's version 3): the nonce is an HMAC of the
			// plaintext, so equal plaintexts under one context give equal ciphertexts.
			byte[] nonce = convergent
					? Arrays.copyOf(HashAlgorithm.SHA2_256.hmac(nonceKey, input.plaintext()), Aead.NONCE_BYTES)
					: randomNonce();
			byte[] sealed = type.aead().seal(encKey, nonce, input.plaintext(), input.associatedData());
			byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return out;
		}
		finally {
			Bytes.wipe(key, encKey, nonceKey);
		}
	}

	private byte[] aeadDecrypt(KeyPolicy policy, int version, byte[] decoded, byte[] context, byte[] aad) {
		if (decoded.length < Aead.NONCE_BYTES) {
			throw VaultException.badRequest("invalid ciphertext length");
		}
		byte[] key = Derivation.symmetricKey(policy, version, context, policy.type().symmetricKeyBytes());
		try {
			byte[] nonce = Arrays.copyOf(decoded, Aead.NONCE_BYTES);
			byte[] body = Arrays.copyOfRange(decoded, Aead.NONCE_BYTES, decoded.length);
			return policy.type().aead().open(key, nonce, body, aad);
		}
		catch (AuthenticationException ex) {
			throw VaultException.badRequest(TransitErrors.AUTHENTICATION_FAILED);
		}
		finally {
			Bytes.wipe(key);
		}
	}

	private byte[] rsaEncrypt(KeyPolicy policy, int version, Input input) {
		try {
			return RsaKeys.encrypt(policy.version(version).publicKey(), input.plaintext(), this.random);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest("plaintext is too long for the RSA key");
		}
	}

	private byte[] randomNonce() {
		byte[] nonce = new byte[Aead.NONCE_BYTES];
		this.random.nextBytes(nonce);
		return nonce;
	}

}
