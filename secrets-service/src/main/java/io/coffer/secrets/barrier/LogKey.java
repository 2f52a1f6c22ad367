package io.coffer.secrets.barrier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that authenticates the replicated storage log: HKDF-SHA256 (RFC 5869) over the
 * root key with a fixed label. The root key never changes for the life of a cluster
 * ({@code sys/rotate} adds keyring terms, rekey and seal migration re-protect the same
 * root key), so neither does this key; it exists from the moment {@code sys/init} creates
 * the root key and only where the root key is (an unsealed node).
 */
public final class LogKey {

	private static final byte[] SALT = "coffer storage log".getBytes(StandardCharsets.UTF_8);

	private static final byte[] INFO = "coffer/storage-log/hmac-sha256/v1".getBytes(StandardCharsets.UTF_8);

	private LogKey() {
	}

	public static byte[] derive(byte[] rootKey) {
		byte[] prk = hmac(SALT, rootKey);
		try {
			// one block of HKDF-Expand: T(1) = HMAC(PRK, info || 0x01)
			byte[] info = Arrays.copyOf(INFO, INFO.length + 1);
			info[INFO.length] = 1;
			return hmac(prk, info);
		}
		finally {
			Arrays.fill(prk, (byte) 0);
		}
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
