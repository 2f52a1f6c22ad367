package io.coffer.secrets.lease;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.lease.LeaseRenewal;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.common.lease.LeaseRevocation;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.router.Route;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;

import org.springframework.stereotype.Service;

/**
 * What lease-service asks of the active node: revoke or renew one secret through the
 * engine of the mount that issued it, found by its mount accessor (a mount disabled
 * since, or enabled anew at the same path, does not match). A standby refuses with the
 * 503 the lease-service client takes as "try the next node"; a sealed node answers 503
 * {@code Vault is sealed}.
 */
@Service
public class NodeLeases {

	private final HaCluster ha;

	private final Router router;

	private final RevocationData revocationData;

	private final Clock clock;

	NodeLeases(HaCluster ha, Router router, RevocationData revocationData, Clock clock) {
		this.ha = ha;
		this.router = router;
		this.revocationData = revocationData;
		this.clock = clock;
	}

	/**
	 * Revokes the secret of a lease. Done (nothing thrown) also when its mount is gone:
	 * nothing is left to revoke there.
	 * @throws VaultException the engine's refusal (its message becomes the lease's last
	 * error), or 400 when the revocation data is not this lease's
	 */
	public void revoke(LeaseRevocation revocation) {
		requireActive();
		Optional<Route> route = this.router.byAccessor(revocation.mountAccessor());
		if (route.isEmpty()) {
			return;
		}
		Map<String, Object> internalData = this.revocationData.open(revocation.leaseId(), revocation.revocationData());
		route.get().engine().revokeSecret(internalData);
	}

	/**
	 * Renews the secret of a lease: the engine extends it, within what is left of the
	 * mount's maximum TTL since the lease was issued.
	 * @throws VaultException 400 {@code lease expired} past that maximum, 400
	 * {@code lease not found} when its mount is gone, or the engine's refusal
	 */
	public LeaseRenewal renew(LeaseRenewalRequest request) {
		requireActive();
		Route route = this.router.byAccessor(request.mountAccessor())
			.orElseThrow(() -> VaultException.badRequest("lease not found"));
		if (request.issueTime() == null) {
			throw VaultException.badRequest("missing issue time");
		}
		long ceiling = request.issueTime().getEpochSecond() + route.mount().effectiveMaxTtl()
				- this.clock.instant().getEpochSecond();
		if (ceiling <= 0) {
			throw VaultException.badRequest("lease expired");
		}
		Map<String, Object> internalData = this.revocationData.open(request.leaseId(), request.revocationData());
		LeasedSecret renewed = route.engine()
			.renewSecret(new LeasedSecret.Renewal(internalData, request.issueTime(),
					Math.max(0, request.incrementSeconds()), ceiling));
		long ttl = (renewed.ttlSeconds() > 0) ? renewed.ttlSeconds() : route.mount().effectiveDefaultTtl();
		return new LeaseRenewal(Math.min(ttl, ceiling), renewed.renewable());
	}

	private void requireActive() {
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
	}

}
