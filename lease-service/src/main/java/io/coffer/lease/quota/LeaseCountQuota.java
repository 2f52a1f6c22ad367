package io.coffer.lease.quota;

/**
 * A lease-count quota (Vault Enterprise's {@code sys/quotas/lease-count/<name>}).
 *
 * @param name its name
 * @param path the path it applies to: empty for every lease, a mount ({@code database/})
 * or a path under one ({@code database/creds/ro})
 * @param role the role it is limited to, or empty
 * @param maxLeases the most leases it admits
 * @param inheritable Vault's {@code inheritable} (kept and reported; Coffer has no
 * namespaces to inherit through)
 * @param leaseCount the leases counted against it now
 */
public record LeaseCountQuota(String name, String path, String role, long maxLeases, boolean inheritable,
		long leaseCount) {
}
