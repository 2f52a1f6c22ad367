package io.coffer.common.lease;

/**
 * A lease the active node registers before its response reaches the client
 * ({@code POST /internal/leases}). lease-service answers {@code 200} with a
 * {@link LeaseGrant}, or Vault's error envelope: {@code 429} when a lease-count quota is
 * full (the node then revokes the secret and passes the 429 on), {@code 400} for a
 * malformed registration.
 *
 * @param leaseId Vault's lease id: the request path, {@code /}, 24 base62 characters
 * (e.g. {@code database/creds/ro/AbCd...}); unique
 * @param mountPath the owning mount's path with its trailing slash ({@code database/}),
 * for lease-count quotas on a mount
 * @param mountAccessor the owning mount's accessor: the node routes renew and revoke to
 * the mount that still has it (a remounted or disabled mount no longer matches)
 * @param role the role the secret was issued for ({@code ro}), for quotas scoped to a
 * role; empty when none
 * @param tokenAccessor the accessor of the token whose request created the lease
 * (revoking the token revokes its leases); empty for none
 * @param ttlSeconds the granted {@code lease_duration}, already capped by the mount and
 * the engine
 * @param maxTtlSeconds the longest the lease may live from its issue time (renewals never
 * pass it)
 * @param renewable Vault's {@code renewable}
 * @param revocationData the node's barrier-sealed internal data, base64; opaque here
 */
public record LeaseRegistration(String leaseId, String mountPath, String mountAccessor, String role,
		String tokenAccessor, long ttlSeconds, long maxTtlSeconds, boolean renewable, String revocationData) {

	public LeaseRegistration {
		role = (role != null) ? role : "";
		tokenAccessor = (tokenAccessor != null) ? tokenAccessor : "";
	}

	@Override
	public String toString() {
		return "LeaseRegistration[leaseId=" + this.leaseId + ", mount=" + this.mountPath + ", ttl=" + this.ttlSeconds
				+ "]";
	}

}
