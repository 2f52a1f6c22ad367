package io.coffer.secrets.audit.journal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies the {@link StepDownPolicy} once a second: leaves the election when the journal
 * has refused appends for too long on the active node, and joins it again (unless sealed)
 * once the journal is writable; meanwhile it asks the journal to retry its directory, as
 * a standby appends nothing.
 */
@Component
class JournalStepDown implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(JournalStepDown.class);

	private final FileAuditJournal journal;

	private final HaCluster ha;

	private final BooleanSupplier sealed;

	private final Clock clock;

	private final StepDownPolicy policy;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("coffer-audit-step-down").factory());

	@Autowired
	JournalStepDown(FileAuditJournal journal, HaCluster ha, SealService seal, JournalProperties settings, Clock clock) {
		this(journal, ha, seal::isSealed, settings, clock);
	}

	JournalStepDown(FileAuditJournal journal, HaCluster ha, BooleanSupplier sealed, JournalProperties settings,
			Clock clock) {
		this.journal = journal;
		this.ha = ha;
		this.sealed = sealed;
		this.clock = clock;
		this.policy = new StepDownPolicy(settings.stepDownAfter());
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.scheduler.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
	}

	/** One round of the policy. */
	void check() {
		try {
			if (!this.journal.writable() || this.journal.refusingSince().isPresent()) {
				this.journal.probe();
			}
			StepDownPolicy.Action action = this.policy.decide(this.journal.refusingSince(), this.journal.writable(),
					this.ha.isActive(), this.sealed.getAsBoolean(), this.clock.instant());
			switch (action) {
				case STEP_DOWN -> {
					log.error("The audit journal refuses appends; stepping down so that another node can serve");
					this.ha.leaveElection();
				}
				case REJOIN -> {
					log.info("The audit journal accepts appends again; rejoining the election");
					this.ha.joinElection();
				}
				case NONE -> {
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Checking the audit journal for step-down failed: {}", ex.toString());
		}
	}

	@PreDestroy
	void close() {
		this.scheduler.shutdownNow();
	}

}
