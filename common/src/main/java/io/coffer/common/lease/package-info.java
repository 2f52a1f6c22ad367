/**
 * The records the secrets nodes and lease-service exchange (ARCHITECTURE.md "Leases").
 * <p>
 * Node to lease-service: {@link LeaseRegistration} ({@code POST /internal/leases}),
 * answered with a {@link LeaseGrant}; {@link TokenLeasesRevocation}
 * ({@code POST /internal/leases/revoke-token}) when a token is revoked.
 * <p>
 * lease-service to the active node: {@link LeaseRevocation}
 * ({@code POST /internal/leases/revoke}), or many at once as a
 * {@link LeaseRevocationBatch} ({@code POST /internal/leases/revoke-batch}, one outcome
 * each in a {@link LeaseRevocationResults}), and {@link LeaseRenewalRequest}
 * ({@code POST /internal/leases/renew}), answered with a {@link LeaseRenewal}.
 * <p>
 * What an engine needs to renew or revoke a secret (Vault's "internal data": a database
 * user name, a role) travels as {@code revocationData}: sealed by the node's barrier,
 * opaque to lease-service, which stores it and sends it back. lease-service therefore
 * never holds anything it could use against the engines' backends.
 */
package io.coffer.common.lease;
