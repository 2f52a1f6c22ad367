package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.coffer.support.instance.InstanceId;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.LeaseQueue;
import io.coffer.lease.store.LeaseState;
import io.coffer.lease.store.PrefixJob;
import io.coffer.lease.store.PrefixJobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code revoke-prefix} as a background job that survives restarts: the job (a row)
 * queues the leases under the prefix a batch at a time in lease id order, each batch in
 * one transaction with the job's cursor, so a job taken over after a crash goes on where
 * the last committed batch ended; the revocation workers revoke what is queued. Once all
 * is queued, the job ends when nothing under the prefix waits any more: {@code done}, or
 * {@code failed} when some leases ended irrevocable. Runs as {@link Housekeeping} of the
 * instances' workers. {@code revoke-force} deletes the leases without asking the node.
 */
@Component
public class PrefixRevocations implements Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(PrefixRevocations.class);

	/** Leases queued per transaction. */
	static final int BATCH = 1000;

	/** Batches per run, so that one run does not hold up the worker's revocations. */
	private static final int BATCHES_PER_RUN = 10;

	private static final Duration HOLD = Duration.ofMinutes(1);

	private static final Duration WAIT_STEP = Duration.ofMillis(100);

	private final PrefixJobStore jobs;

	private final LeaseQueue queue;

	private final LeaseQueries queries;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ObjectProvider<RevocationWorker> worker;

	private final InstanceId instance;

	private final Timer prefixTimer;

	private final Timer forceTimer;

	public PrefixRevocations(PrefixJobStore jobs, LeaseQueue queue, LeaseQueries queries,
			TransactionTemplate transactions, Dependencies dependencies) {
		this.jobs = jobs;
		this.queue = queue;
		this.queries = queries;
		this.transactions = transactions;
		this.clock = dependencies.clock();
		this.worker = dependencies.worker();
		this.instance = dependencies.instance();
		this.prefixTimer = Timer.builder("vault.expire.revoke-prefix")
			.description("revoke-prefix jobs, start to end")
			.register(dependencies.registry());
		this.forceTimer = Timer.builder("vault.expire.revoke-force")
			.description("revoke-force calls")
			.register(dependencies.registry());
	}

	/** Lets go of the jobs a previous life of this instance held when it died. */
	void releasePreviousJobs() {
		int released = this.jobs.releaseOwnedBy(this.instance.value());
		if (released > 0) {
			log.info("took back {} revoke-prefix jobs this instance held before it stopped", released);
		}
	}

	/** Starts a job; answers its id. */
	public String start(String prefix) {
		String jobId = UUID.randomUUID().toString();
		this.jobs.create(jobId, prefix, this.clock.instant());
		log.info("revoke-prefix job {} started for prefix {}", jobId, prefix);
		this.worker.ifAvailable(RevocationWorker::wakeUp);
		return jobId;
	}

	/** Waits until the job ends; answers it as it ended. */
	public PrefixJob await(String jobId) throws InterruptedException {
		while (true) {
			Optional<PrefixJob> job = this.jobs.find(jobId);
			if (job.isEmpty() || !job.get().running()) {
				return job.orElseThrow();
			}
			TimeUnit.MILLISECONDS.sleep(WAIT_STEP.toMillis());
		}
	}

	/**
	 * Waits until the job ends or {@code deadline} passes; answers it as it ended, or
	 * empty when it still runs at the deadline.
	 */
	public Optional<PrefixJob> await(String jobId, Instant deadline) throws InterruptedException {
		while (true) {
			PrefixJob job = this.jobs.find(jobId).orElseThrow();
			if (!job.running()) {
				return Optional.of(job);
			}
			if (!this.clock.instant().isBefore(deadline)) {
				return Optional.empty();
			}
			TimeUnit.MILLISECONDS.sleep(WAIT_STEP.toMillis());
		}
	}

	public Optional<PrefixJob> job(String jobId) {
		return this.jobs.find(jobId);
	}

	public List<PrefixJob> latest(int limit) {
		return this.jobs.latest(limit);
	}

	/** Deletes every lease under the prefix without revoking it; answers how many. */
	public long force(String prefix) {
		long started = System.nanoTime();
		long total = 0;
		int deleted;
		do {
			deleted = this.queue.forgetPrefix(prefix, BATCH * 10);
			total += deleted;
		}
		while (deleted > 0);
		this.forceTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		log.warn("revoke-force {}: {} leases removed without revocation", prefix, total);
		return total;
	}

	@Override
	public void run() {
		Instant now = this.clock.instant();
		Optional<PrefixJob> taken = this.jobs.take(this.instance.value(), now, now.plus(HOLD));
		taken.ifPresent(this::advance);
	}

	private void advance(PrefixJob job) {
		String cursor = job.cursor();
		boolean marked = job.markingDone();
		long queued = 0;
		for (int i = 0; i < BATCHES_PER_RUN && !marked; i++) {
			String from = cursor;
			LeaseQueue.PrefixBatch batch = this.transactions.execute((status) -> {
				Instant now = this.clock.instant();
				LeaseQueue.PrefixBatch step = this.queue.enqueuePrefix(job.prefix(), from, BATCH, now);
				this.jobs.queued(job.jobId(), (step.last() != null) ? step.last() : from, step.queued(),
						step.last() == null, now);
				return step;
			});
			queued += batch.queued();
			if (batch.last() == null) {
				marked = true;
			}
			else {
				cursor = batch.last();
			}
		}
		if (queued > 0) {
			this.worker.ifAvailable(RevocationWorker::wakeUp);
		}
		long remaining = this.queries.countUnder(job.prefix(), LeaseState.REVOKING);
		long irrevocable = this.queries.countUnder(job.prefix(), LeaseState.IRREVOCABLE);
		String state = (!marked || remaining > 0) ? "running" : ((irrevocable > 0) ? "failed" : "done");
		Instant now = this.clock.instant();
		this.jobs.checked(job.jobId(), new PrefixJobStore.Progress(remaining, irrevocable, state), now);
		if (!"running".equals(state)) {
			this.prefixTimer.record(Duration.between(job.createdTime(), now));
			log.info("revoke-prefix job {} for {} {}: {} leases queued in all, {} irrevocable", job.jobId(),
					job.prefix(), state, job.queued() + queued, irrevocable);
		}
		else if (queued > 0) {
			log.info("revoke-prefix job {} for {}: {} more leases queued, {} waiting for revocation", job.jobId(),
					job.prefix(), queued, remaining);
		}
	}

	/**
	 * What the jobs need besides the stores.
	 *
	 * @param clock the clock
	 * @param worker this instance's worker, if it runs one
	 * @param registry the metrics
	 * @param instance this instance's id
	 */
	public record Dependencies(Clock clock, ObjectProvider<RevocationWorker> worker, MeterRegistry registry,
			InstanceId instance) {
	}

}
