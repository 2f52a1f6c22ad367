package io.coffer.common.lease;

/**
 * lease-service asks the active node to revoke one secret
 * ({@code POST /internal/leases/revoke}): the node opens {@code revocationData} and calls
 * the engine of the mount with {@code mountAccessor}. Answers {@code 204} when the secret
 * is gone (also when it was already gone, or its mount no longer exists: nothing is left
 * to revoke); Vault's error envelope otherwise, whose message lease-service keeps as the
 * lease's last error (it never holds a secret value). A standby answers {@code 503}: try
 * another node.
 *
 * @param leaseId the lease id
 * @param mountAccessor the owning mount's accessor
 * @param revocationData the sealed internal data the node registered
 */
public record LeaseRevocation(String leaseId, String mountAccessor, String revocationData) {

	@Override
	public String toString() {
		return "LeaseRevocation[leaseId=" + this.leaseId + "]";
	}

}
