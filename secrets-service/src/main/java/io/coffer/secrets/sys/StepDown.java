package io.coffer.secrets.sys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@code sys/step-down}: the active node gives up its role and stays out of the election
 * for a while, so another node takes over (Vault holds a stepped-down node back for 10 s
 * as well). Each step-down counts in {@code vault.core.step_down_count}.
 */
@Component
class StepDown {

	static final Duration HOLD = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(StepDown.class);

	private final HaCluster ha;

	private final SealService seal;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("coffer-step-down").factory());

	private final Counter stepDowns;

	StepDown(HaCluster ha, SealService seal, MeterRegistry registry) {
		this.ha = ha;
		this.seal = seal;
		this.stepDowns = Counter.builder("vault.core.step_down_count")
			.description("Times this node stepped down from the active role (sys/step-down)")
			.register(registry);
	}

	void stepDown() {
		log.info("Stepping down as active node for {} s", HOLD.toSeconds());
		this.stepDowns.increment();
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
