package io.coffer.lease.store;

/**
 * A lease one instance claimed for revocation: until its claim deadline no other instance
 * takes it, and only this claim's token may complete or fail it.
 *
 * @param leaseId the lease id
 * @param mountAccessor the owning mount's accessor
 * @param revocationData the node's sealed data
 * @param attempts the failed attempts so far
 * @param claimToken this claim's token
 */
public record ClaimedLease(String leaseId, String mountAccessor, String revocationData, int attempts,
		String claimToken) {

	@Override
	public String toString() {
		return "ClaimedLease[" + this.leaseId + ", attempts=" + this.attempts + "]";
	}

}
