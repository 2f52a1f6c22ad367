package io.coffer.secrets.kernel;

import java.time.Instant;
import java.util.Map;

/**
 * A secret with a lease, as an engine returns it with its response (Vault's
 * {@code logical.Secret}): the pipeline registers a lease for it with lease-service
 * before the client sees the response, and hands {@code internalData} back to the same
 * engine to renew or revoke it ({@link SecretEngine#renewSecret},
 * {@link SecretEngine#revokeSecret}).
 *
 * @param ttlSeconds the TTL the engine asks for (e.g. a database role's
 * {@code default_ttl}); 0 = the mount's default lease TTL. The pipeline caps it by
 * {@code maxTtlSeconds} and the mount's maximum
 * @param maxTtlSeconds the longest the lease may live from its issue time (e.g. the
 * role's {@code max_ttl}); 0 = the mount's maximum
 * @param renewable Vault's {@code renewable}
 * @param role the role it was issued for (lease-count quotas may be scoped to one), or
 * empty
 * @param internalData what the engine needs to renew or revoke it (user name, role
 * name...): barrier-sealed before it leaves the node, never shown to the client. Values
 * must be JSON-serializable (strings, numbers, booleans, lists, maps)
 */
public record LeasedSecret(long ttlSeconds, long maxTtlSeconds, boolean renewable, String role,
		Map<String, Object> internalData) {

	public LeasedSecret {
		role = (role != null) ? role : "";
		internalData = (internalData != null) ? Map.copyOf(internalData) : Map.of();
	}

	@Override
	public String toString() {
		return "LeasedSecret[ttl=" + this.ttlSeconds + ", maxTtl=" + this.maxTtlSeconds + ", renewable="
				+ this.renewable + ", role=" + this.role + "]";
	}

	/**
	 * A renewal the client asked for, as the pipeline hands it to the engine.
	 *
	 * @param internalData the secret's internal data, as the engine returned them
	 * @param issueTime when the lease was issued (maximum TTLs count from it)
	 * @param incrementSeconds the client's {@code increment}; 0 = the engine's default
	 * TTL
	 * @param ceilingSeconds the most the engine may grant from now: what is left of the
	 * mount's maximum TTL since {@code issueTime}
	 */
	public record Renewal(Map<String, Object> internalData, Instant issueTime, long incrementSeconds,
			long ceilingSeconds) {

		public Renewal {
			internalData = (internalData != null) ? Map.copyOf(internalData) : Map.of();
		}

	}

}
