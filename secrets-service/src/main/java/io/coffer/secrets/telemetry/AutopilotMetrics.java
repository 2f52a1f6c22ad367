package io.coffer.secrets.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.coffer.secrets.storage.ClusterHealth;
import io.coffer.secrets.storage.HaCluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What {@code sys/storage/raft/autopilot/state} reports, as Vault's gauges:
 * {@code vault.autopilot.healthy} (1 when every known server is healthy),
 * {@code vault.autopilot.failure_tolerance} (voters that may fail with a majority left)
 * and {@code vault.raft.peers} (voters). Each node reports its own view (the same as its
 * {@code /actuator/health/cluster}). One scrape reads the cluster's health once: the
 * value is reused for {@link #MAX_AGE}.
 */
@Component
class AutopilotMetrics {

	static final Duration MAX_AGE = Duration.ofSeconds(1);

	private final HaCluster ha;

	private final Clock clock;

	private volatile Reading last;

	AutopilotMetrics(MeterRegistry registry, HaCluster ha, Clock clock) {
		this.ha = ha;
		this.clock = clock;
		Gauge.builder("vault.autopilot.healthy", this, (m) -> m.health().healthy() ? 1 : 0)
			.description("1 when every server of the cluster is healthy, as autopilot reports it")
			.register(registry);
		Gauge.builder("vault.autopilot.failure_tolerance", this, (m) -> m.health().failureTolerance())
			.description("Voters that can fail with a voting majority left")
			.register(registry);
		Gauge.builder("vault.raft.peers", this, (m) -> m.health().voters().size())
			.description("Voting members of the cluster")
			.register(registry);
	}

	ClusterHealth health() {
		Instant now = this.clock.instant();
		Reading reading = this.last;
		if (reading == null || !now.isBefore(reading.at().plus(MAX_AGE)) || now.isBefore(reading.at())) {
			reading = new Reading(now, this.ha.clusterHealth());
			this.last = reading;
		}
		return reading.health();
	}

	private record Reading(Instant at, ClusterHealth health) {
	}

}
