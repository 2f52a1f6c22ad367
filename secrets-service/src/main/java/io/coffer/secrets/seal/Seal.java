package io.coffer.secrets.seal;

/**
 * An auto-unseal provider: a key held outside Coffer (AWS KMS, another Coffer's transit
 * engine) that wraps the root key, so a node can unseal itself at start. Shamir is the
 * absence of such a provider (see {@link ConfiguredSeal}).
 */
public interface Seal {

	/** Vault's seal type name, e.g. {@code awskms} or {@code transit}. */
	String type();

	/**
	 * Encrypts {@code plaintext} under the provider's key, bound to {@code purpose} (the
	 * storage path it will be kept at) where the provider supports it.
	 * @throws SealUnavailableException when the provider cannot be reached or refuses
	 */
	byte[] encrypt(byte[] plaintext, String purpose);

	/**
	 * Decrypts what {@link #encrypt} produced for the same {@code purpose}.
	 * @throws SealUnavailableException when the provider cannot be reached or refuses
	 */
	byte[] decrypt(byte[] ciphertext, String purpose);

}
