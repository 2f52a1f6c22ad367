package io.coffer.common.lease;

/** The internal endpoints of the lease protocol (see the package description). */
public final class LeasePaths {

	/** On lease-service: register a lease ({@link LeaseRegistration}). */
	public static final String REGISTER = "/internal/leases";

	/**
	 * On lease-service: revoke every lease a token created
	 * ({@link TokenLeasesRevocation}).
	 */
	public static final String REVOKE_TOKEN = "/internal/leases/revoke-token";

	/**
	 * On lease-service: revoke every lease of a mount about to be disabled, waiting for
	 * the end ({@link MountLeasesRevocation}).
	 */
	public static final String REVOKE_MOUNT = "/internal/leases/revoke-mount";

	/** On the active node: revoke one secret ({@link LeaseRevocation}). */
	public static final String NODE_REVOKE = "/internal/leases/revoke";

	/**
	 * On the active node: revoke many secrets in one call ({@link LeaseRevocationBatch},
	 * answered with {@link LeaseRevocationResults}).
	 */
	public static final String NODE_REVOKE_BATCH = "/internal/leases/revoke-batch";

	/** On the active node: renew one secret ({@link LeaseRenewalRequest}). */
	public static final String NODE_RENEW = "/internal/leases/renew";

	/** The audience of identities addressed to lease-service. */
	public static final String AUDIENCE = "coffer-lease";

	private LeasePaths() {
	}

}
