package io.coffer.secrets.seal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.BarrierException;

/**
 * Protects the root key with the key the seal releases (for Shamir, the unseal key joined
 * from shares). The stored blob is AES-256-GCM with its storage path as associated data.
 */
final class RootKeyProtector {

	static final String ROOT_KEY_PATH = "core/root-key";

	private static final byte[] AAD = ROOT_KEY_PATH.getBytes(StandardCharsets.UTF_8);

	private RootKeyProtector() {
	}

	static byte[] protect(byte[] rootKey, byte[] unsealKey, SecureRandom random) {
		return AesGcm.encrypt(unsealKey, rootKey, AAD, random);
	}

	/**
	 * @throws BarrierException when the unseal key is wrong (e.g. a corrupted share)
	 */
	static byte[] release(byte[] blob, byte[] unsealKey) {
		return AesGcm.decrypt(unsealKey, blob, AAD);
	}

}
