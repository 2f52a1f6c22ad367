package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.coffer.common.lease.LeaseRevocation;
import io.coffer.common.lease.LeaseRevocationResults;
import io.coffer.support.instance.InstanceId;
import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.node.BatchUnsupportedException;
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

	/**
	 * How long a node without the batch endpoint gets single calls before a batch is
	 * tried again.
	 */
	static final Duration BATCH_PAUSE = Duration.ofMinutes(5);

	private final LeaseQueue queue;

	private final ResilientNode node;

	private final Clock clock;

	private final LeaseProperties.Revoke settings;

	private final RevokeMetrics metrics;

	private final InstanceId instance;

	private volatile long batchesPausedUntil = System.nanoTime();

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
			this.node.revoke(revocation(lease));
			this.queue.complete(lease);
			this.metrics.revoked(System.nanoTime() - started);
			return Outcome.REVOKED;
		}
		catch (NodeRefusedException ex) {
			return refused(lease, ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			return deferred(lease, ex.getMessage());
		}
	}

	/**
	 * Revokes leases this instance claimed with one call to the node
	 * ({@code /internal/leases/revoke-batch}), each with the outcome a call of its own
	 * would have had: the revoked ones are deleted together, each refused one counts its
	 * attempt with the node's error for it, and all wait in the queue when no node is
	 * reachable. A node without the batch endpoint (an older version) gets one call per
	 * lease, and no batch for {@link #BATCH_PAUSE}.
	 */
	public void revokeAll(List<ClaimedLease> leases) {
		if (leases.size() == 1 || System.nanoTime() < this.batchesPausedUntil) {
			leases.forEach(this::revoke);
			return;
		}
		long started = System.nanoTime();
		List<LeaseRevocationResults.Outcome> outcomes;
		try {
			outcomes = this.node.revokeAll(leases.stream().map(Revoker::revocation).toList());
		}
		catch (BatchUnsupportedException ex) {
			log.info("the secrets node revokes no batches ({}): one call per lease for {}", ex.getMessage(),
					BATCH_PAUSE);
			this.batchesPausedUntil = System.nanoTime() + BATCH_PAUSE.toNanos();
			leases.forEach(this::revoke);
			return;
		}
		catch (NodeRefusedException ex) {
			leases.forEach((lease) -> refused(lease, ex.getMessage()));
			return;
		}
		catch (NodeUnavailableException ex) {
			leases.forEach((lease) -> deferred(lease, ex.getMessage()));
			return;
		}
		List<ClaimedLease> revoked = new ArrayList<>(leases.size());
		for (int i = 0; i < leases.size(); i++) {
			ClaimedLease lease = leases.get(i);
			LeaseRevocationResults.Outcome outcome = outcomes.get(i);
			if (outcome.isRevoked() && lease.leaseId().equals(outcome.leaseId())) {
				revoked.add(lease);
			}
			else {
				refused(lease, (outcome.error() != null) ? outcome.error() : "the node answered " + outcome.status());
			}
		}
		this.queue.completeAll(revoked);
		long elapsed = System.nanoTime() - started;
		revoked.forEach((lease) -> this.metrics.revoked(elapsed));
	}

	/**
	 * Sends batches again at once (after a node without the batch endpoint was replaced).
	 */
	void resumeBatches() {
		this.batchesPausedUntil = System.nanoTime();
	}

	private Outcome refused(ClaimedLease lease, String error) {
		Instant now = this.clock.instant();
		int failures = lease.attempts() + 1;
		boolean irrevocable = this.queue.fail(lease, new LeaseQueue.Failure(error, now,
				now.plus(this.settings.backoffAfter(failures)), this.settings.maxAttempts()));
		this.metrics.failed();
		if (irrevocable) {
			log.warn("lease {} is irrevocable after {} failed attempts: {}", lease.leaseId(), failures, error);
			return Outcome.IRREVOCABLE.withError(error);
		}
		log.info("revoking lease {} failed (attempt {}): {}", lease.leaseId(), failures, error);
		return Outcome.FAILED.withError(error);
	}

	private Outcome deferred(ClaimedLease lease, String error) {
		this.queue.release(lease, this.clock.instant().plus(this.settings.backoff()), error);
		log.debug("lease {} waits: {}", lease.leaseId(), error);
		return Outcome.DEFERRED.withError(error);
	}

	private static LeaseRevocation revocation(ClaimedLease lease) {
		return new LeaseRevocation(lease.leaseId(), lease.mountAccessor(), lease.revocationData());
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
