/**
 * The secrets node's side of leases (ARCHITECTURE.md "Leases", the records in
 * {@code io.coffer.common.lease}): a secret an engine issues is registered with
 * lease-service before the client sees it
 * ({@link io.coffer.secrets.lease.LeaseRegistrar}, run by the pipeline's
 * {@code register lease} step), or revoked at once when that fails; lease-service calls
 * back the active node to revoke or renew a secret
 * ({@link io.coffer.secrets.lease.NodeLeaseController}); a revoked token's leases are
 * handed to lease-service ({@link io.coffer.secrets.lease.TokenLeasesNotifier}). What an
 * engine needs to revoke a secret leaves the node only sealed by the barrier, bound to
 * the lease id ({@link io.coffer.secrets.lease.RevocationData}).
 */
package io.coffer.secrets.lease;
