package io.coffer.lease.lease;

/** Lease ids: {@code <request path>/<suffix>}. */
public final class LeaseIds {

	private LeaseIds() {
	}

	/** The request path that created the lease: the id without its last segment. */
	public static String requestPath(String leaseId) {
		int slash = leaseId.lastIndexOf('/');
		return (slash > 0) ? leaseId.substring(0, slash) : leaseId;
	}

}
