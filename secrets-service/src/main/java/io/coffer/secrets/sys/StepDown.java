package io.coffer.secrets.sys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@code sys/step-down}: the active node gives up its role and stays out of the election
 * for a while, so another node takes over (Vault holds a stepped-down node back for 10 s
 * as well).
 */
@Component
class StepDown {

	static final Duration HOLD = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(StepDown.class);

	private final HaCluster ha;

	private final SealService seal;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("coffer-step-down").factory());

	StepDown(HaCluster ha, SealService seal) {
		this.ha = ha;
		this.seal = seal;
	}

	void stepDown() {
		log.info("Stepping down as active node for {} s", HOLD.toSeconds());
		this.ha.leaveElection();
		this.scheduler.schedule(() -> {
			if (!this.seal.isSealed()) {
				this.ha.joinElection();
			}
		}, HOLD.toMillis(), TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void close() {
		this.scheduler.shutdownNow();
	}

}
