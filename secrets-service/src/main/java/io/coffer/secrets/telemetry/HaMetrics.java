package io.coffer.secrets.telemetry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * This node's part in high availability under Vault's names:
 * {@code vault.core.leadership_lost_count} counts every loss of the active role (lock
 * lost, step-down, seal), as Vault measures {@code core.leadership_lost} each time a
 * leader stops leading; {@code vault.raft.state.leader} is 1 while this node is active
 * and {@code vault.raft.state.candidate} 1 while it is unsealed, contending and no node
 * is active (an election is under way). Coffer elects its active node with a CP lock
 * rather than Raft, so these are gauges of the current state rather than Raft's
 * transition counters (STORAGE.md).
 */
@Component
class HaMetrics implements HaListener, SmartInitializingSingleton {

	private final HaCluster ha;

	private final Counter leadershipLost;

	private final AtomicBoolean active = new AtomicBoolean();

	@Autowired
	HaMetrics(MeterRegistry registry, HaCluster ha, SealService seal) {
		this(registry, ha, seal::isSealed);
	}

	HaMetrics(MeterRegistry registry, HaCluster ha, BooleanSupplier sealed) {
		this.ha = ha;
		this.leadershipLost = Counter.builder("vault.core.leadership_lost_count")
			.description("Times this node lost the active role")
			.register(registry);
		Gauge.builder("vault.raft.state.leader", ha, (h) -> h.isActive() ? 1 : 0)
			.description("1 while this node is the active node")
			.register(registry);
		Gauge
			.builder("vault.raft.state.candidate", ha,
					(h) -> (!sealed.getAsBoolean() && !h.isActive() && h.activeNode().isEmpty()) ? 1 : 0)
			.description("1 while this node is unsealed and no node is active (an election is under way)")
			.register(registry);
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		this.active.set(true);
	}

	@Override
	public void becameStandby() {
		if (this.active.getAndSet(false)) {
			this.leadershipLost.increment();
		}
	}

}
