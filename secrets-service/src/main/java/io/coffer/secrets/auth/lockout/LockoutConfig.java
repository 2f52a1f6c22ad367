package io.coffer.secrets.auth.lockout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.secrets.support.VaultIntegers;

/**
 * An auth mount's user lockout settings (Vault 1.13+ {@code user_lockout_config}): after
 * {@code threshold} failed logins, each within {@code counterReset} of the previous one,
 * the user is refused for {@code duration}.
 *
 * @param threshold failed logins that lock the user
 * @param duration how long a user stays locked, in seconds
 * @param counterReset seconds without a failure after which the count starts again
 * @param disabled lockout is off for the mount
 */
public record LockoutConfig(long threshold, long duration, long counterReset, boolean disabled) {

	/** Vault's defaults: 5 failures, 15 minutes locked, count reset after 15 minutes. */
	public static final LockoutConfig DEFAULTS = new LockoutConfig(5, 900, 900, false);

	private static final Set<String> FIELDS = Set.of("lockout_threshold", "lockout_duration",
			"lockout_counter_reset_duration", "lockout_disable");

	/**
	 * These settings with the fields of a tune call's {@code user_lockout_config}
	 * applied; every field is validated before anything changes.
	 */
	public LockoutConfig updatedWith(Object raw) {
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("invalid value for field \"user_lockout_config\": expected an object");
		}
		for (Object key : map.keySet()) {
			if (!FIELDS.contains(String.valueOf(key))) {
				throw VaultException.badRequest("user_lockout_config: unknown field \"" + key + "\"");
			}
		}
		long nextThreshold = VaultIntegers.parse(map.get("lockout_threshold"), "lockout_threshold", 1,
				Integer.MAX_VALUE, this.threshold);
		long nextDuration = map.containsKey("lockout_duration")
				? positive(map.get("lockout_duration"), "lockout_duration") : this.duration;
		long nextReset = map.containsKey("lockout_counter_reset_duration")
				? positive(map.get("lockout_counter_reset_duration"), "lockout_counter_reset_duration")
				: this.counterReset;
		boolean nextDisabled = map.containsKey("lockout_disable") ? GoBool.of(map.get("lockout_disable"))
			.orElseThrow(
					() -> VaultException.badRequest("invalid value for field \"lockout_disable\": expected a boolean"))
				: this.disabled;
		return new LockoutConfig(nextThreshold, nextDuration, nextReset, nextDisabled);
	}

	/** Vault's read shape in {@code GET sys/auth/:path/tune}. */
	public Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("lockout_threshold", this.threshold);
		out.put("lockout_duration", this.duration);
		out.put("lockout_counter_reset_duration", this.counterReset);
		out.put("lockout_disable", this.disabled);
		return out;
	}

	private static long positive(Object value, String field) {
		long seconds = VaultDurations.parseSeconds(value, field);
		if (seconds <= 0) {
			throw VaultException.badRequest("invalid value for field \"" + field + "\": must be at least 1s");
		}
		return seconds;
	}

}
