package io.coffer.lease.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.coffer.common.lease.LeaseGrant;
import io.coffer.common.lease.LeaseRegistration;
import io.coffer.common.lease.LeaseRenewal;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.lease.node.NodeRefusedException;
import io.coffer.lease.node.NodeUnavailableException;
import io.coffer.lease.node.ResilientNode;
import io.coffer.lease.quota.LeaseCountQuotas;
import io.coffer.lease.revoke.Outcome;
import io.coffer.lease.revoke.Revoker;
import io.coffer.lease.revoke.RevocationWorker;
import io.coffer.lease.store.Lease;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.LeaseQueue;
import io.coffer.lease.store.LeaseRepository;
import io.coffer.lease.store.LeaseState;
import io.coffer.support.error.VaultErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lease operations: registration by the nodes, and lookup, renewal and revocation for
 * clients, with Vault's answers and errors (vault-api.md §7).
 */
@Service
public class LeaseService {

	private static final Logger log = LoggerFactory.getLogger(LeaseService.class);

	/**
	 * How long a synchronous revoke waits for another instance's revocation of the lease.
	 */
	private static final Duration SYNC_WAIT = Duration.ofSeconds(60);

	private static final Duration SYNC_POLL = Duration.ofMillis(100);

	private final LeaseRepository leases;

	private final LeaseQueries queries;

	private final LeaseQueue queue;

	private final LeaseCountQuotas quotas;

	private final ResilientNode node;

	private final Revoker revoker;

	private final ObjectProvider<RevocationWorker> worker;

	private final Clock clock;

	private final LeaseMetrics metrics;

	public LeaseService(LeaseRepository leases, LeaseQueries queries, LeaseQueue queue, LeaseCountQuotas quotas,
			Collaborators collaborators) {
		this.leases = leases;
		this.queries = queries;
		this.queue = queue;
		this.quotas = quotas;
		this.node = collaborators.node();
		this.revoker = collaborators.revoker();
		this.worker = collaborators.worker();
		this.clock = collaborators.clock();
		this.metrics = collaborators.metrics();
	}

	/**
	 * Records a lease a node issued, counted against its lease-count quota.
	 * @throws VaultErrorException 400 for a malformed or duplicate registration, 429 when
	 * the quota is full
	 */
	@Transactional
	public LeaseGrant register(LeaseRegistration registration) {
		validate(registration);
		// PostgreSQL keeps microseconds: the grant tells the times as a lookup will
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant maxExpire = (registration.maxTtlSeconds() > 0) ? now.plusSeconds(registration.maxTtlSeconds()) : null;
		Instant expire = now.plusSeconds(registration.ttlSeconds());
		if (maxExpire != null && expire.isAfter(maxExpire)) {
			expire = maxExpire;
		}
		Lease lease = new Lease(registration.leaseId(),
				new Lease.Mount(registration.mountPath(), registration.mountAccessor(), registration.role(),
						registration.tokenAccessor()),
				new Lease.Times(now, expire, maxExpire), registration.renewable(), registration.revocationData());
		lease.countAgainst(this.quotas.admit(registration.leaseId(), registration.role()));
		try {
			this.leases.saveAndFlush(lease);
		}
		catch (DataIntegrityViolationException ex) {
			throw new VaultErrorException(400, "lease " + registration.leaseId() + " is already registered");
		}
		return new LeaseGrant(registration.leaseId(), now, expire);
	}

	/** Vault's lookup; 400 {@code invalid lease} when there is none. */
	@Transactional(readOnly = true)
	public Lease lookup(String leaseId) {
		requireId(leaseId);
		return this.leases.findById(leaseId).orElseThrow(() -> new VaultErrorException(400, "invalid lease"));
	}

	/**
	 * Renews a lease through the node, which grants the TTL (capped by its maxima); the
	 * expire time never passes the lease's maximum.
	 */
	public Renewed renew(String leaseId, long incrementSeconds) {
		requireId(leaseId);
		if (incrementSeconds < 0) {
			throw new VaultErrorException(400, "increment must not be negative");
		}
		Lease lease = this.leases.findById(leaseId).orElseThrow(() -> new VaultErrorException(400, "lease not found"));
		Instant now = this.clock.instant();
		if (lease.state() != LeaseState.ACTIVE || !lease.expireTime().isAfter(now)) {
			throw new VaultErrorException(400, "lease expired");
		}
		if (!lease.renewable()) {
			throw new VaultErrorException(400, "lease is not renewable");
		}
		long started = System.nanoTime();
		LeaseRenewal renewal = renewOnNode(lease, incrementSeconds);
		Instant renewedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant expire = renewedAt.plusSeconds(Math.max(renewal.ttlSeconds(), 0));
		if (lease.maxExpireTime() != null && expire.isAfter(lease.maxExpireTime())) {
			expire = lease.maxExpireTime();
		}
		if (!this.queries.renewed(leaseId, expire, renewedAt, renewal.renewable())) {
			throw new VaultErrorException(400, "lease not found");
		}
		this.metrics.renewed(System.nanoTime() - started);
		return new Renewed(leaseId, renewal.renewable(), Math.max(Duration.between(renewedAt, expire).toSeconds(), 0));
	}

	private LeaseRenewal renewOnNode(Lease lease, long incrementSeconds) {
		try {
			return this.node.renew(new LeaseRenewalRequest(lease.leaseId(), lease.mountAccessor(),
					lease.revocationData(), lease.issueTime(), incrementSeconds));
		}
		catch (NodeRefusedException ex) {
			throw new VaultErrorException((ex.status() >= 400 && ex.status() < 500) ? ex.status() : 500,
					ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			throw new VaultErrorException(503, "no active Vault instance found");
		}
	}

	/**
	 * Revokes a lease: at once on the node when {@code sync} (its error is the client's),
	 * else queued for the revocation workers.
	 * @return whether it was queued (202) rather than done (204)
	 */
	public boolean revoke(String leaseId, boolean sync) {
		requireId(leaseId);
		if (!sync) {
			if (this.queue.enqueue(leaseId, this.clock.instant())) {
				this.worker.ifAvailable(RevocationWorker::wakeUp);
			}
			return true;
		}
		Instant giveUp = this.clock.instant().plus(SYNC_WAIT);
		while (true) {
			Outcome outcome = this.revoker.revokeNow(leaseId);
			switch (outcome.kind()) {
				case REVOKED -> {
					return false;
				}
				case NOT_CLAIMED -> {
					// gone, or another instance is revoking it right now: wait for its
					// outcome
					Optional<Lease> lease = this.leases.findById(leaseId);
					if (lease.isEmpty()) {
						return false;
					}
					if (lease.get().state() == LeaseState.IRREVOCABLE) {
						throw new VaultErrorException(500, "failed to revoke entry: " + lease.get().lastError());
					}
					if (this.clock.instant().isAfter(giveUp)) {
						// it stays queued; the client learns it is not done yet
						throw new VaultErrorException(500, "failed to revoke entry: revocation still in progress");
					}
					pause();
				}
				default -> {
					log.info("lease {} not revoked: {}", leaseId, outcome.error());
					throw new VaultErrorException(500, "failed to revoke entry: " + outcome.error());
				}
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(SYNC_POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VaultErrorException(500, "failed to revoke entry: interrupted");
		}
	}

	/** Queues every lease a revoked token created. */
	public int revokeToken(String tokenAccessor) {
		if (tokenAccessor == null || tokenAccessor.isBlank()) {
			throw new VaultErrorException(400, "token accessor must be specified");
		}
		int queued = this.queue.enqueueToken(tokenAccessor, this.clock.instant());
		if (queued > 0) {
			this.worker.ifAvailable(RevocationWorker::wakeUp);
		}
		return queued;
	}

	/** The lease, if it exists. */
	public Optional<Lease> find(String leaseId) {
		return this.leases.findById(leaseId);
	}

	private static void requireId(String leaseId) {
		if (leaseId == null || leaseId.isBlank()) {
			throw new VaultErrorException(400, "lease_id must be specified");
		}
	}

	private static void validate(LeaseRegistration registration) {
		if (registration == null || blank(registration.leaseId()) || blank(registration.mountPath())
				|| blank(registration.mountAccessor()) || blank(registration.revocationData())) {
			throw new VaultErrorException(400,
					"a lease registration needs lease_id, mount_path, mount_accessor and revocation_data");
		}
		if (registration.ttlSeconds() <= 0 || registration.maxTtlSeconds() < 0) {
			throw new VaultErrorException(400, "a lease registration needs a positive ttl");
		}
		if (!registration.leaseId().contains("/")) {
			throw new VaultErrorException(400, "a lease id is a request path and a suffix");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * A renewal's answer.
	 *
	 * @param leaseId the lease id
	 * @param renewable whether it may be renewed again
	 * @param durationSeconds its new {@code lease_duration}
	 */
	public record Renewed(String leaseId, boolean renewable, long durationSeconds) {
	}

	/**
	 * The service's other collaborators, grouped to keep the constructor short.
	 *
	 * @param node the active node's calls
	 * @param revoker synchronous revocations
	 * @param worker this instance's revocation worker, if it runs one
	 * @param clock the clock
	 * @param metrics renew metrics
	 */
	public record Collaborators(ResilientNode node, Revoker revoker, ObjectProvider<RevocationWorker> worker,
			Clock clock, LeaseMetrics metrics) {
	}

}
