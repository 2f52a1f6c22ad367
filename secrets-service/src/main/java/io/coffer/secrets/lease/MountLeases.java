package io.coffer.secrets.lease;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.coffer.common.lease.MountLeasesRevocation;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The leases of a mount being disabled: as Vault, every lease of the mount is revoked
 * before the mount goes ({@code POST /internal/leases/revoke-mount}, waited for), so that
 * no credential it issued outlives it; lease-service revokes them through this node's
 * {@code /internal/leases/revoke} while the mount is still there. Meanwhile the mount is
 * tainted: a secret it issues gets no lease (revoked at once, Vault's 404
 * {@code route entry is tainted}). Without lease-service there is nothing to revoke.
 */
@Service
public class MountLeases {

	private static final Logger logger = LoggerFactory.getLogger(MountLeases.class);

	private final LeaseServiceClient leaseService;

	private final Set<String> tainted = ConcurrentHashMap.newKeySet();

	MountLeases(LeaseServiceClient leaseService) {
		this.leaseService = leaseService;
	}

	/**
	 * Revokes every lease of {@code mount}, then runs {@code removal}; the mount is
	 * tainted until then. The caller holds no lock of the mount table: lease-service
	 * calls this node back for each lease while this waits.
	 * @throws VaultException when lease-service did not revoke them all (its Vault error,
	 * {@code 400 failed to revoke N leases of <path>: ...}) or could not be reached
	 * (500); {@code removal} did not run
	 */
	public void revokeThenRemove(MountEntry mount, Runnable removal) {
		if (!this.leaseService.configured()) {
			removal.run();
			return;
		}
		// a concurrent disable of the same mount leaves the taint to the first
		boolean tainting = this.tainted.add(mount.accessor());
		try {
			this.leaseService.revokeMountLeases(new MountLeasesRevocation(mount.accessor(), mount.path()));
			removal.run();
		}
		catch (LeaseServiceException ex) {
			logger.warn("Mount {} kept: its leases were not all revoked ({})", mount.path(), ex.getMessage());
			throw failure(mount, ex);
		}
		finally {
			if (tainting) {
				this.tainted.remove(mount.accessor());
			}
		}
	}

	/** Whether the mount with this accessor is being disabled. */
	boolean tainted(String mountAccessor) {
		return this.tainted.contains(mountAccessor);
	}

	private static VaultException failure(MountEntry mount, LeaseServiceException ex) {
		if (ex.status() / 100 == 4 && !ex.errors().isEmpty()) {
			return new VaultException(ex.status(), ex.errors());
		}
		String detail = (ex.status() == 0) ? "lease-service unavailable" : "lease-service answered " + ex.status();
		return new VaultException(500, List.of("failed to revoke the leases of " + mount.path() + ": " + detail));
	}

}
