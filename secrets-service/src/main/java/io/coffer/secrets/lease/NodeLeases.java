package io.coffer.secrets.lease;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.lease.LeaseRenewal;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.common.lease.LeaseRevocation;
import io.coffer.common.lease.LeaseRevocationResults;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.router.Route;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(NodeLeases.class);

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
	 * Revokes the secrets of many leases, each as {@link #revoke} would, the secrets of
	 * one mount handed to its engine together ({@code SecretEngine.revokeSecrets}), so
	 * that the engine can revoke them in bulk. One lease's refusal (its data not its own,
	 * its engine refusing it) is that lease's outcome and never fails the others.
	 * @return one outcome per revocation, in order
	 * @throws StandbyException this node is not the active one (nothing was revoked)
	 */
	public List<LeaseRevocationResults.Outcome> revokeAll(List<LeaseRevocation> revocations) {
		requireActive();
		LeaseRevocationResults.Outcome[] outcomes = new LeaseRevocationResults.Outcome[revocations.size()];
		Map<String, List<Integer>> byMount = new LinkedHashMap<>();
		for (int i = 0; i < revocations.size(); i++) {
			byMount.computeIfAbsent(String.valueOf(revocations.get(i).mountAccessor()), (key) -> new ArrayList<>())
				.add(i);
		}
		for (Map.Entry<String, List<Integer>> mount : byMount.entrySet()) {
			Optional<Route> route = this.router.byAccessor(mount.getKey());
			List<Integer> opened = new ArrayList<>();
			List<Map<String, Object>> secrets = new ArrayList<>();
			for (int index : mount.getValue()) {
				LeaseRevocation revocation = revocations.get(index);
				if (route.isEmpty()) {
					outcomes[index] = LeaseRevocationResults.Outcome.revoked(revocation.leaseId());
					continue;
				}
				try {
					secrets.add(this.revocationData.open(revocation.leaseId(), revocation.revocationData()));
					opened.add(index);
				}
				catch (VaultException ex) {
					outcomes[index] = refused(revocation.leaseId(), ex);
				}
			}
			if (opened.isEmpty()) {
				continue;
			}
			List<Optional<VaultException>> revoked = revokeSecrets(route.get(), secrets);
			for (int i = 0; i < opened.size(); i++) {
				String leaseId = revocations.get(opened.get(i)).leaseId();
				Optional<VaultException> refusal = (i < revoked.size()) ? revoked.get(i)
						: Optional.of(new VaultException(500, "internal error"));
				outcomes[opened.get(i)] = refusal.map((ex) -> refused(leaseId, ex))
					.orElseGet(() -> LeaseRevocationResults.Outcome.revoked(leaseId));
			}
		}
		return Arrays.asList(outcomes);
	}

	private static List<Optional<VaultException>> revokeSecrets(Route route, List<Map<String, Object>> secrets) {
		try {
			return route.engine().revokeSecrets(secrets);
		}
		catch (SealedException | StandbyException ex) {
			throw ex;
		}
		catch (VaultException ex) {
			return secrets.stream().map((secret) -> Optional.of(ex)).toList();
		}
		catch (RuntimeException ex) {
			// an engine's bug: each lease counts a failed attempt; no message (it could
			// hold anything)
			log.error("Revoking {} secrets of mount {} failed unexpectedly: {}", secrets.size(), route.mount().path(),
					ex.getClass().getName());
			VaultException internal = new VaultException(500, "internal error");
			return secrets.stream().map((secret) -> Optional.of(internal)).toList();
		}
	}

	private static LeaseRevocationResults.Outcome refused(String leaseId, VaultException ex) {
		String error = ex.errors().isEmpty() ? "the engine refused the revocation" : String.join("; ", ex.errors());
		return new LeaseRevocationResults.Outcome(leaseId, ex.status(), error);
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
