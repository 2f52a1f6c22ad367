package io.coffer.secrets.barrier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.coffer.secrets.storage.LogMac;

/**
 * The key that authenticates the replicated storage log: HKDF-SHA256 (RFC 5869) over the
 * root key with a fixed label. The root key never changes for the life of a cluster
 * ({@code sys/rotate} adds keyring terms, rekey and seal migration re-protect the same
 * root key), so neither does this key; it exists from the moment {@code sys/init} creates
 * the root key and only where the root key is (an unsealed node).
 * <p>
 * Only an initialized HMAC is kept, cloned for each tag; {@link #forget()} re-initializes
 * it with a zero key, so no copy of the key survives, and a tag being computed at that
 * moment still completes with the clone it took.
 */
public final class LogKey implements LogMac {

	private static final byte[] SALT = "coffer storage log".getBytes(StandardCharsets.UTF_8);

	private static final byte[] INFO = "coffer/storage-log/hmac-sha256/v1".getBytes(StandardCharsets.UTF_8);

	private final Mac prototype;

	private final long keyId;

	private LogKey(byte[] key) {
		this.prototype = hmac(key);
		long id = ByteBuffer.wrap(hmac(key).doFinal("key-id".getBytes(StandardCharsets.UTF_8))).getLong();
		this.keyId = (id != 0) ? id : 1;
	}

	/** The log key of {@code rootKey}. */
	public static LogKey derive(byte[] rootKey) {
		byte[] prk = hmac(SALT).doFinal(rootKey);
		byte[] okm = null;
		try {
			// one block of HKDF-Expand: T(1) = HMAC(PRK, info || 0x01)
			byte[] info = Arrays.copyOf(INFO, INFO.length + 1);
			info[INFO.length] = 1;
			okm = hmac(prk).doFinal(info);
			return new LogKey(okm);
		}
		finally {
			Arrays.fill(prk, (byte) 0);
			if (okm != null) {
				Arrays.fill(okm, (byte) 0);
			}
		}
	}

	@Override
	public long keyId() {
		return this.keyId;
	}

	@Override
	public byte[] mac(byte[] label, byte[] body) {
		Mac mac;
		synchronized (this.prototype) {
			try {
				mac = (Mac) this.prototype.clone();
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
			}
		}
		mac.update(label);
		return mac.doFinal(body);
	}

	@Override
	public void forget() {
		synchronized (this.prototype) {
			try {
				this.prototype.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public String toString() {
		return "LogKey[<redacted>]";
	}

	private static Mac hmac(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
