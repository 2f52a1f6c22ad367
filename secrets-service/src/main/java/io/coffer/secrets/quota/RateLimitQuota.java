package io.coffer.secrets.quota;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rate-limit quota rule as stored: {@code rate} requests per {@code interval} for
 * each client address, on every path ({@code mountPath} empty), on one mount, or on one
 * path below a mount ({@code pathSuffix}, a trailing {@code *} making it a prefix).
 *
 * @param name the quota's name
 * @param mountPath the mount it applies to ({@code secret/}), empty for a global quota
 * @param pathSuffix the path below the mount ({@code data/app} or {@code data/app*}),
 * empty for the whole mount
 * @param role the login role it applies to (kept for Vault's field; role quotas are
 * refused on write)
 * @param rate requests allowed per interval
 * @param interval the interval, whole seconds, at least 1 s
 * @param blockInterval how long a client that exceeded the rate is refused; zero for no
 * blocking
 * @param inheritable Vault's namespace inheritance flag (Coffer has one namespace)
 */
public record RateLimitQuota(String name, String mountPath, String pathSuffix, String role, double rate,
		Duration interval, Duration blockInterval, boolean inheritable) {

	/** Vault's {@code type} of these quotas. */
	public static final String TYPE = "rate-limit";

	/** The path as an operator wrote it: mount and suffix ({@code secret/data/app}). */
	public String path() {
		return this.mountPath + this.pathSuffix;
	}

	/**
	 * Requests per interval as Vault's limiter counts them: the rate rounded to a whole
	 * number, at least one (a rate below 0.5 would otherwise refuse everything).
	 */
	long tokens() {
		return Math.max(1, Math.round(this.rate));
	}

	/**
	 * Whether another rule limits with the same bucket settings (counters can be kept).
	 */
	boolean sameLimits(RateLimitQuota other) {
		return other.rate == this.rate && other.interval.equals(this.interval)
				&& other.blockInterval.equals(this.blockInterval);
	}

	/** Vault's read answer. */
	Map<String, Object> toData() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("type", TYPE);
		data.put("name", this.name);
		data.put("path", path());
		data.put("role", this.role);
		data.put("rate", this.rate);
		data.put("interval", this.interval.toSeconds());
		data.put("block_interval", this.blockInterval.toSeconds());
		data.put("inheritable", this.inheritable);
		return data;
	}

}
