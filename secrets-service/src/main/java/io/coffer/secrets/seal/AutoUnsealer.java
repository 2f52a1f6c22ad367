package io.coffer.secrets.seal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With an auto seal, unseals this node at start and keeps trying, with exponential
 * backoff, while the provider is unreachable or refuses, or the cluster is not yet
 * initialized (or is being migrated from Shamir). Once unsealed it stops: a node sealed
 * by {@code sys/seal} stays sealed until restarted, as in Vault.
 */
@Component
class AutoUnsealer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AutoUnsealer.class);

	private final SealService seal;

	private final SealProperties.Retry retry;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	private Instant startedAt;

	private SealService.AutoUnsealOutcome lastWaiting;

	private String lastFailure;

	AutoUnsealer(SealService seal, SealProperties properties, Clock clock) {
		this.seal = seal;
		this.retry = properties.retry();
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (!this.seal.configuredSeal().isAuto() || this.scheduler != null) {
			return;
		}
		this.startedAt = this.clock.instant();
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("coffer-auto-unseal").factory());
		this.scheduler.execute(() -> attempt(this.retry.initialBackoff()));
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void attempt(Duration backoff) {
		String type = this.seal.configuredSeal().type();
		if (!this.seal.isSealed()) {
			// Unsealed by sys/init on this node: nothing left to do.
			return;
		}
		try {
			SealService.AutoUnsealOutcome outcome = this.seal.autoUnseal();
			if (outcome == SealService.AutoUnsealOutcome.UNSEALED) {
				log.info("Auto-unseal with the {} seal done {} ms after start", type,
						Duration.between(this.startedAt, this.clock.instant()).toMillis());
				return;
			}
			if (outcome != this.lastWaiting) {
				log.info((outcome == SealService.AutoUnsealOutcome.NOT_INITIALIZED)
						? "Sealed: waiting for sys/init before auto-unsealing with the {} seal"
						: "Sealed: storage holds a shamir seal; migrate it to the {} seal with sys/unseal "
								+ "and migrate=true (see SEAL.md)",
						type);
				this.lastWaiting = outcome;
			}
			this.lastFailure = null;
		}
		catch (SealUnavailableException ex) {
			// A repeated identical failure is logged at debug, so a long outage does not
			// flood the log; the first one and every change are warnings.
			if (!ex.getMessage().equals(this.lastFailure)) {
				log.warn(
						"Auto-unseal with the {} seal failed, node stays sealed: {}; retrying with backoff up to {} ms",
						type, ex.getMessage(), this.retry.maxBackoff().toMillis());
				this.lastFailure = ex.getMessage();
			}
			else {
				log.debug("Auto-unseal still failing: {}", ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Auto-unseal with the {} seal failed, node stays sealed ({}: {})", type, ex.getClass().getName(),
					ex.getMessage());
		}
		schedule(backoff);
	}

	private synchronized void schedule(Duration backoff) {
		if (this.scheduler == null) {
			return;
		}
		Duration next = backoff.multipliedBy(2);
		Duration capped = (next.compareTo(this.retry.maxBackoff()) > 0) ? this.retry.maxBackoff() : next;
		this.scheduler.schedule(() -> attempt(capped), backoff.toMillis(), TimeUnit.MILLISECONDS);
	}

}
