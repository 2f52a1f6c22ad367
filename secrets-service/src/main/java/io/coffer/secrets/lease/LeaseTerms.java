package io.coffer.secrets.lease;

import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.MountEntry;

/**
 * The TTLs a lease is granted, as Vault computes them: the engine's TTL (0 = the mount's
 * default lease TTL) capped by the engine's maximum (0 = the mount's maximum) and by the
 * mount's maximum ({@code sys/mounts/<m>/tune}'s {@code max_lease_ttl}).
 *
 * @param ttlSeconds the {@code lease_duration} granted now
 * @param maxTtlSeconds the longest the lease may live from its issue time
 */
public record LeaseTerms(long ttlSeconds, long maxTtlSeconds) {

	public static LeaseTerms of(LeasedSecret secret, MountEntry mount) {
		long mountMax = mount.effectiveMaxTtl();
		long max = (secret.maxTtlSeconds() > 0) ? Math.min(secret.maxTtlSeconds(), mountMax) : mountMax;
		long ttl = (secret.ttlSeconds() > 0) ? secret.ttlSeconds() : mount.effectiveDefaultTtl();
		return new LeaseTerms(Math.min(ttl, max), max);
	}

	/**
	 * These terms limited to {@code seconds} from now (a batch token's remaining TTL: its
	 * leases never outlive it, as in Vault); {@code seconds <= 0} = unlimited.
	 */
	public LeaseTerms cappedAt(long seconds) {
		if (seconds <= 0) {
			return this;
		}
		return new LeaseTerms(Math.min(this.ttlSeconds, seconds), Math.min(this.maxTtlSeconds, seconds));
	}

}
