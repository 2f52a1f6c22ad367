package io.coffer.lease.revoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.store.ClaimedLease;
import io.coffer.lease.store.LeaseQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The expiry and revocation loop of one instance: claims due leases in batches (expired
 * active ones and queued ones, {@link LeaseQueue#claimDue}) and revokes them on the node,
 * {@code concurrency} at a time on virtual threads. A full batch is followed at once by
 * the next; otherwise it sleeps {@code poll-interval} or until {@link #wakeUp()}. Any
 * number of instances (processes or workers) may share one database: claims never
 * overlap. Also runs the {@link Housekeeping} between batches.
 */
public class RevocationWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RevocationWorker.class);

	private final LeaseQueue queue;

	private final Revoker revoker;

	private final LeaseProperties.Revoke settings;

	private final List<Housekeeping> housekeeping;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wake = this.lock.newCondition();

	private volatile boolean running;

	private boolean woken;

	private Thread thread;

	private final Runnable releasePreviousJobs;

	/**
	 * @param queue the revocation queue
	 * @param revoker revokes one lease
	 * @param properties the settings
	 * @param housekeeping run between batches
	 * @param releasePreviousJobs lets go of the revoke-prefix jobs this instance held in
	 * a previous life
	 */
	public RevocationWorker(LeaseQueue queue, Revoker revoker, LeaseProperties properties,
			List<Housekeeping> housekeeping, Runnable releasePreviousJobs) {
		this.releasePreviousJobs = releasePreviousJobs;
		this.queue = queue;
		this.revoker = revoker;
		this.settings = properties.revoke();
		this.housekeeping = List.copyOf(housekeeping);
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("lease-revocation").daemon().start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		wakeUp();
		if (this.thread != null) {
			try {
				this.thread.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Looks for due leases now instead of at the next poll. */
	public void wakeUp() {
		this.lock.lock();
		try {
			this.woken = true;
			this.wake.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void loop() {
		takeOverPreviousLife();
		try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
			Semaphore slots = new Semaphore(Math.max(this.settings.concurrency(), 1));
			while (this.running) {
				int claimed = 0;
				try {
					this.housekeeping.forEach(Housekeeping::run);
					claimed = runBatch(calls, slots);
				}
				catch (RuntimeException ex) {
					log.warn("revocation batch failed: {}", ex.toString());
				}
				if (claimed < this.settings.batchSize()) {
					pause();
				}
			}
		}
	}

	// what this instance held when it last stopped without finishing (kill -9, crash) is
	// due now
	private void takeOverPreviousLife() {
		try {
			int released = this.revoker.releasePreviousClaims();
			if (released > 0) {
				log.info("took back {} leases this instance had claimed before it stopped", released);
			}
			this.releasePreviousJobs.run();
		}
		catch (RuntimeException ex) {
			log.warn("could not take back this instance's previous claims: {}", ex.toString());
		}
	}

	private int runBatch(ExecutorService calls, Semaphore slots) {
		Revoker.Claim claim = this.revoker.newClaim();
		List<ClaimedLease> due = this.queue.claimDue(this.settings.batchSize(), claim.now(), claim.until(),
				claim.token());
		List<Future<?>> pending = new ArrayList<>(due.size());
		int chunk = Math.max(this.settings.nodeBatchSize(), 1);
		for (int from = 0; from < due.size(); from += chunk) {
			List<ClaimedLease> leases = due.subList(from, Math.min(from + chunk, due.size()));
			slots.acquireUninterruptibly();
			pending.add(calls.submit(() -> {
				try {
					this.revoker.revokeAll(leases);
				}
				catch (RuntimeException ex) {
					// the claim runs out and the leases are taken again
					log.warn("revoking {} leases failed unexpectedly: {}", leases.size(), ex.toString());
				}
				finally {
					slots.release();
				}
			}));
		}
		for (Future<?> call : pending) {
			try {
				call.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return due.size();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				// handled in the task
			}
		}
		return due.size();
	}

	private void pause() {
		this.lock.lock();
		try {
			if (!this.woken && this.running) {
				this.wake.await(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			this.woken = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

}
