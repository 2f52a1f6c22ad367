package io.coffer.secrets.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;

/**
 * Vault's TTL arithmetic for tokens ({@code framework.CalculateTTL}): a periodic token
 * lives {@code period} from each renewal, bounded only by its explicit maximum; any other
 * token lives the requested (or default) TTL, never past {@code start + max}, where max
 * is the smallest of the mount's maximum, the method's maximum and the explicit maximum.
 *
 * @param defaultTtl the mount's default TTL in seconds
 * @param maxTtl the mount's maximum TTL, lowered by the auth method's own maximum
 * @param explicitMaxTtl the token's hard limit from creation, 0 = none
 * @param period the renewal interval of a periodic token, 0 = not periodic
 */
record TokenTtl(long defaultTtl, long maxTtl, long explicitMaxTtl, long period) {

	/** The lifetime cap from creation: the smallest non-zero maximum. */
	long effectiveMax() {
		long max = this.maxTtl;
		if (this.explicitMaxTtl > 0 && (max <= 0 || this.explicitMaxTtl < max)) {
			max = this.explicitMaxTtl;
		}
		return max;
	}

	/**
	 * @param requested the increment or requested TTL in seconds, 0 = the default
	 * @param start the token's creation time (unix seconds)
	 * @param now the current time (unix seconds)
	 * @throws VaultException 400 when the token is already past its maximum lifetime
	 */
	Result calculate(long requested, long start, long now) {
		List<String> warnings = new ArrayList<>();
		long max = effectiveMax();
		long ttl;
		long maxValid = 0;
		if (this.period > 0) {
			ttl = this.period;
			if (max > 0 && ttl > max) {
				warnings.add("period of \"" + format(ttl) + "\" exceeded the effective max_ttl of \"" + format(max)
						+ "\"; period value is capped accordingly");
				ttl = max;
			}
			if (this.explicitMaxTtl > 0) {
				maxValid = start + this.explicitMaxTtl;
			}
		}
		else {
			ttl = (requested > 0) ? requested : this.defaultTtl;
			if (max > 0) {
				maxValid = start + max;
			}
		}
		if (maxValid > 0) {
			long left = maxValid - now;
			if (left <= 0) {
				throw VaultException.badRequest("past the max TTL, cannot renew");
			}
			if (ttl > left) {
				warnings.add("TTL of \"" + format(ttl) + "\" exceeded the effective max_ttl of \"" + format(left)
						+ "\"; TTL value is capped accordingly");
				ttl = left;
			}
		}
		return new Result(ttl, warnings);
	}

	private static String format(long seconds) {
		return VaultDurations.format(Duration.ofSeconds(seconds));
	}

	/**
	 * @param ttl the TTL in seconds
	 * @param warnings Vault's warnings when a value was capped
	 */
	record Result(long ttl, List<String> warnings) {
	}

}
