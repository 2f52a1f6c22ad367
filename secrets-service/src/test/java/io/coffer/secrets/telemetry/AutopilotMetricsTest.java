package io.coffer.secrets.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.storage.ClusterHealth;
import io.coffer.testsupport.time.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The autopilot gauges report what {@code sys/storage/raft/autopilot/state} reports: the
 * cluster's health as {@link io.coffer.secrets.storage.HaCluster#clusterHealth} computes
 * it, read at most once per {@link AutopilotMetrics#MAX_AGE}.
 */
class AutopilotMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final SettableHa ha = new SettableHa();

	@Test
	void gaugesFollowTheClusterHealth() {
		this.ha.health = health(true, 1, 3);
		new AutopilotMetrics(this.registry, this.ha, this.clock);
		assertThat(value("vault.autopilot.healthy")).isEqualTo(1);
		assertThat(value("vault.autopilot.failure_tolerance")).isEqualTo(1);
		assertThat(value("vault.raft.peers")).isEqualTo(3);

		this.ha.health = health(false, 0, 2);
		this.clock.advance(AutopilotMetrics.MAX_AGE);
		assertThat(value("vault.autopilot.healthy")).isZero();
		assertThat(value("vault.autopilot.failure_tolerance")).isZero();
		assertThat(value("vault.raft.peers")).isEqualTo(2);
	}

	@Test
	void oneScrapeReadsTheHealthOnce() {
		this.ha.health = health(true, 1, 3);
		new AutopilotMetrics(this.registry, this.ha, this.clock);
		value("vault.autopilot.healthy");
		value("vault.autopilot.failure_tolerance");
		value("vault.raft.peers");

		assertThat(this.ha.reads).isEqualTo(1);
	}

	private double value(String gauge) {
		return this.registry.get(gauge).gauge().value();
	}

	private static ClusterHealth health(boolean healthy, int tolerance, int voters) {
		List<ClusterHealth.Server> servers = new java.util.ArrayList<>();
		for (int i = 0; i < voters; i++) {
			servers.add(new ClusterHealth.Server("node" + i, "127.0.0.1:570" + i, true,
					(i == 0) ? ClusterHealth.Role.LEADER : ClusterHealth.Role.VOTER, healthy, Duration.ZERO, 1, 10,
					null));
		}
		servers.add(new ClusterHealth.Server("learner", "127.0.0.1:5709", true, ClusterHealth.Role.NON_VOTER, healthy,
				Duration.ZERO, 1, 10, null));
		return new ClusterHealth(healthy, tolerance, "node0", servers);
	}

	private static final class SettableHa extends FakeHaCluster {

		volatile ClusterHealth health;

		int reads;

		@Override
		public ClusterHealth clusterHealth() {
			this.reads++;
			return this.health;
		}

	}

}
