package io.coffer.secrets.engine.transit;

import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.kernel.VaultException;

/**
 * How {@code sign/} and {@code verify/} sign: hash, whether the input is already a
 * digest, the RSA scheme, the signature encoding and the PSS salt length.
 *
 * @param hash the digest algorithm
 * @param prehashed the input already is the digest
 * @param pss RSA-PSS (else PKCS #1 v1.5)
 * @param jws JWS encoding (base64url, ECDSA as {@code r || s}) instead of ASN.1/base64
 * @param saltLength PSS salt bytes, or {@link #AUTO_SALT}: the largest possible when
 * signing, any when verifying (Go's "auto")
 */
record SignOptions(HashAlgorithm hash, boolean prehashed, boolean pss, boolean jws, int saltLength) {

	static final int AUTO_SALT = -1;

	static SignOptions from(Map<String, Object> data, String urlAlgorithm) {
		String hashName = urlAlgorithm;
		if (hashName.isEmpty()) {
			hashName = TransitFields.string(data, "hash_algorithm");
		}
		if (hashName.isEmpty()) {
			hashName = TransitFields.string(data, "algorithm");
		}
		String requested = hashName.isEmpty() ? HashAlgorithm.SHA2_256.vaultName() : hashName;
		HashAlgorithm hash = HashAlgorithm.fromVaultName(requested)
			.orElseThrow(() -> VaultException
				.badRequest("invalid hash algorithm \"" + TransitFields.abbreviate(requested) + "\""));
		boolean prehashed = TransitFields.bool(data, "prehashed");
		String scheme = TransitFields.string(data, "signature_algorithm");
		if (!scheme.isEmpty() && !scheme.equals("pss") && !scheme.equals("pkcs1v15")) {
			throw VaultException.badRequest("unsupported rsa signature algorithm " + TransitFields.abbreviate(scheme));
		}
		boolean pss = !scheme.equals("pkcs1v15");
		if (hash == HashAlgorithm.NONE && (!prehashed || pss)) {
			throw VaultException
				.badRequest("hash_algorithm=none requires both prehashed=true and signature_algorithm=pkcs1v15");
		}
		String marshaling = TransitFields.string(data, "marshaling_algorithm");
		if (!marshaling.isEmpty() && !marshaling.equals("asn1") && !marshaling.equals("jws")) {
			throw VaultException.badRequest("invalid marshaling type \"" + TransitFields.abbreviate(marshaling) + "\"");
		}
		return new SignOptions(hash, prehashed, pss, marshaling.equals("jws"), saltLength(data, hash));
	}

	private static int saltLength(Map<String, Object> data, HashAlgorithm hash) {
		String text = TransitFields.string(data, "salt_length");
		if (text.isEmpty() || text.equals("auto")) {
			return AUTO_SALT;
		}
		if (text.equals("hash")) {
			return hash.length();
		}
		try {
			int length = Integer.parseInt(text);
			if (length < 0) {
				throw new NumberFormatException();
			}
			// Go reads an explicit 0 as "auto".
			return (length == 0) ? AUTO_SALT : length;
		}
		catch (NumberFormatException ex) {
			throw VaultException.badRequest("salt length must be 'auto', 'hash', or an integer >= 0");
		}
	}

}
