package io.coffer.secrets.telemetry;

import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Vault's core gauges under Vault's names ({@code vault_core_unsealed},
 * {@code vault_core_active}), so existing dashboards and alert rules read Coffer
 * unchanged.
 */
@Component
class CoreMetrics {

	CoreMetrics(MeterRegistry registry, SealService seal, HaCluster ha) {
		Gauge.builder("vault.core.unsealed", seal, (s) -> s.isSealed() ? 0 : 1)
			.description("1 when this node is unsealed")
			.register(registry);
		Gauge.builder("vault.core.active", ha, (h) -> h.isActive() ? 1 : 0)
			.description("1 when this node is the active node")
			.register(registry);
		Gauge.builder("vault.raft.applied_index", ha, HaCluster::appliedIndex)
			.description("Last storage log index applied on this node")
			.register(registry);
		Gauge.builder("vault.raft.commit_index", ha, HaCluster::committedIndex)
			.description("Last storage log index known committed")
			.register(registry);
	}

}
