package io.coffer.common.lease;

/**
 * The active node asks lease-service to revoke every lease of a mount before it disables
 * it ({@code POST /internal/leases/revoke-mount}), as Vault revokes a mount's leases
 * before it unmounts: lease-service revokes them through the node (which still has the
 * mount and its engine) and answers {@code 204} once none is left, or Vault's error
 * envelope ({@code 400 failed to revoke N leases of <path>: <first error>}) when some
 * could not be revoked in time; the node then keeps the mount.
 *
 * @param mountAccessor the mount's accessor
 * @param mountPath the mount's path with its trailing {@code /} (every lease id of the
 * mount starts with it)
 */
public record MountLeasesRevocation(String mountAccessor, String mountPath) {
}
