package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.coffer.common.lease.LeaseRevocation;
import io.coffer.lease.config.InstanceId;
import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.node.NodeRefusedException;
import io.coffer.lease.node.NodeUnavailableException;
import io.coffer.lease.node.ResilientNode;
import io.coffer.lease.store.ClaimedLease;
import io.coffer.lease.store.LeaseQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Revokes claimed leases on the active node and records the outcome: revoked leases are
 * deleted; a refusal counts an attempt (the lease becomes irrevocable after
 * {@code coffer.lease.revoke.max-attempts}, its error kept); no reachable node puts the
 * lease back in the queue without counting.
 */
@Component
public class Revoker {

	private static final Logger log = LoggerFactory.getLogger(Revoker.class);

	private final LeaseQueue queue;

	private final ResilientNode node;

	private final Clock clock;

	private final LeaseProperties.Revoke settings;

	private final RevokeMetrics metrics;

	private final InstanceId instance;

	public Revoker(LeaseQueue queue, ResilientNode node, Clock clock, LeaseProperties properties, RevokeMetrics metrics,
			InstanceId instance) {
		this.instance = instance;
		this.queue = queue;
		this.node = node;
		this.clock = clock;
		this.settings = properties.revoke();
		this.metrics = metrics;
	}

	/** A new claim's token (this instance's id, a slash, a random part) and deadline. */
	Claim newClaim() {
		Instant now = this.clock.instant();
		return new Claim(this.instance.value() + "/" + UUID.randomUUID(), now, now.plus(this.settings.claimTimeout()));
	}

	/**
	 * Releases what a previous life of this instance left claimed (it died holding them),
	 * so that they are revoked now rather than after the claim timeout.
	 */
	int releasePreviousClaims() {
		return this.queue.releaseClaimsOf(this.instance.value() + "/", this.clock.instant());
	}

	/**
	 * Claims one lease and revokes it now (a client's synchronous revoke).
	 * @return the outcome; {@link Outcome#NOT_CLAIMED} when the lease does not exist or
	 * another instance holds it
	 */
	public Outcome revokeNow(String leaseId) {
		Claim claim = newClaim();
		Optional<ClaimedLease> claimed = this.queue.claimOne(leaseId, claim.now(), claim.until(), claim.token());
		return claimed.map(this::revoke).orElse(Outcome.NOT_CLAIMED);
	}

	/** Revokes one lease this instance claimed. */
	public Outcome revoke(ClaimedLease lease) {
		long started = System.nanoTime();
		try {
			this.node.revoke(new LeaseRevocation(lease.leaseId(), lease.mountAccessor(), lease.revocationData()));
			this.queue.complete(lease);
			this.metrics.revoked(System.nanoTime() - started);
			return Outcome.REVOKED;
		}
		catch (NodeRefusedException ex) {
			Instant now = this.clock.instant();
			int failures = lease.attempts() + 1;
			boolean irrevocable = this.queue.fail(lease, new LeaseQueue.Failure(ex.getMessage(), now,
					now.plus(this.settings.backoffAfter(failures)), this.settings.maxAttempts()));
			this.metrics.failed();
			if (irrevocable) {
				log.warn("lease {} is irrevocable after {} failed attempts: {}", lease.leaseId(), failures,
						ex.getMessage());
				return Outcome.IRREVOCABLE.withError(ex.getMessage());
			}
			log.info("revoking lease {} failed (attempt {}): {}", lease.leaseId(), failures, ex.getMessage());
			return Outcome.FAILED.withError(ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			this.queue.release(lease, this.clock.instant().plus(this.settings.backoff()), ex.getMessage());
			log.debug("lease {} waits: {}", lease.leaseId(), ex.getMessage());
			return Outcome.DEFERRED.withError(ex.getMessage());
		}
	}

	/**
	 * A claim: its token, when it was taken and its deadline.
	 *
	 * @param token the claim token
	 * @param now when it is taken
	 * @param until its deadline
	 */
	record Claim(String token, Instant now, Instant until) {
	}

}
