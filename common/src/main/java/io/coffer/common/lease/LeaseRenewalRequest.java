package io.coffer.common.lease;

import java.time.Instant;

/**
 * lease-service asks the active node to renew one secret
 * ({@code POST /internal/leases/renew}) when a client renews its lease: the engine
 * extends the secret at its backend (e.g. a database role's {@code VALID UNTIL}) and
 * answers the TTL it granted, capped by the role's and the mount's maximum from
 * {@code issueTime}. Answers {@code 200} with a {@link LeaseRenewal}; {@code 400} with
 * Vault's message when the engine refuses (e.g. {@code lease is not renewable}); a
 * standby answers {@code 503}.
 *
 * @param leaseId the lease id
 * @param mountAccessor the owning mount's accessor
 * @param revocationData the sealed internal data the node registered
 * @param issueTime when the lease was issued (maximum TTLs count from it)
 * @param incrementSeconds the client's {@code increment}; 0 asks for the engine's default
 */
public record LeaseRenewalRequest(String leaseId, String mountAccessor, String revocationData, Instant issueTime,
		long incrementSeconds) {

	@Override
	public String toString() {
		return "LeaseRenewalRequest[leaseId=" + this.leaseId + ", increment=" + this.incrementSeconds + "]";
	}

}
