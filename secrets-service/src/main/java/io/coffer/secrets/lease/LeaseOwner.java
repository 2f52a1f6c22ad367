package io.coffer.secrets.lease;

/**
 * Who a new lease belongs to.
 *
 * @param tokenAccessor the accessor of the token whose revocation revokes the lease,
 * empty for none
 * @param maxSeconds the longest the lease may live from now, 0 = no limit beyond its
 * terms (a batch token's leases end with the token, as in Vault)
 */
public record LeaseOwner(String tokenAccessor, long maxSeconds) {

	public LeaseOwner {
		tokenAccessor = (tokenAccessor != null) ? tokenAccessor : "";
	}

}
