package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.store.LeaseQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Vault Enterprise's {@code remove_irrevocable_lease_after}: deletes leases that have
 * been irrevocable longer than {@code coffer.lease.remove-irrevocable-lease-after} (off
 * when zero), at most once a minute, a thousand at a time.
 */
@Component
public class IrrevocableCleanup implements Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(IrrevocableCleanup.class);

	private static final Duration EVERY = Duration.ofMinutes(1);

	private static final int BATCH = 1000;

	private final LeaseQueries queries;

	private final Clock clock;

	private final Duration after;

	private volatile Instant lastRun = Instant.MIN;

	public IrrevocableCleanup(LeaseQueries queries, Clock clock, LeaseProperties properties) {
		this.queries = queries;
		this.clock = clock;
		this.after = properties.removeIrrevocableLeaseAfter();
	}

	@Override
	public void run() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.lastRun.plus(EVERY))) {
			return;
		}
		runNow();
	}

	/** Removes what is due now (tidy). */
	public synchronized void runNow() {
		Instant now = this.clock.instant();
		this.lastRun = now;
		if (this.after.isZero() || this.after.isNegative()) {
			return;
		}
		int removed;
		long total = 0;
		do {
			removed = this.queries.removeIrrevocableBefore(now.minus(this.after), BATCH);
			total += removed;
		}
		while (removed == BATCH);
		if (total > 0) {
			log.info("removed {} leases irrevocable for more than {}", total, this.after);
		}
	}

}
