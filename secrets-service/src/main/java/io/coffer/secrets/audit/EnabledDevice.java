package io.coffer.secrets.audit;

import java.util.Arrays;

import io.coffer.common.audit.AuditDevice;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.support.GoBool;

/**
 * An enabled audit device as the node uses it: the device and its salt (32 random bytes,
 * made when the device was enabled, kept only behind the barrier). The salt keys the
 * HMAC-SHA256 of every value the device's entries hide.
 */
public final class EnabledDevice {

	/** The prefix of a hashed value, as Vault's salt helper writes it. */
	public static final String HASH_PREFIX = "hmac-sha256:";

	private final AuditDevice device;

	private final byte[] salt;

	EnabledDevice(AuditDevice device, byte[] salt) {
		this.device = device;
		this.salt = salt.clone();
	}

	public AuditDevice device() {
		return this.device;
	}

	public String path() {
		return this.device.path();
	}

	/** {@code hmac-sha256:} and the lowercase hex HMAC-SHA256 of {@code value}. */
	public String hash(String value) {
		return HASH_PREFIX + Hmac.sha256Hex(this.salt, value);
	}

	/** Vault's {@code log_raw}: nothing is hashed (default false). */
	public boolean logRaw() {
		return option("log_raw", false);
	}

	/** Vault's {@code hmac_accessor}: accessors are hashed too (default true). */
	public boolean hmacAccessor() {
		return option("hmac_accessor", true);
	}

	/**
	 * Vault's {@code elide_list_responses}: a list response's {@code keys} become their
	 * count (default false).
	 */
	public boolean elideListResponses() {
		return option("elide_list_responses", false);
	}

	byte[] salt() {
		return this.salt.clone();
	}

	private boolean option(String name, boolean fallback) {
		String value = this.device.options().get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return GoBool.parse(value.trim()).orElse(fallback);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EnabledDevice that && this.device.equals(that.device)
				&& Arrays.equals(this.salt, that.salt);
	}

	@Override
	public int hashCode() {
		return this.device.hashCode();
	}

	@Override
	public String toString() {
		return "EnabledDevice[" + this.device.path() + " " + this.device.type() + "]";
	}

}
