package io.coffer.secrets.telemetry;

import java.util.concurrent.atomic.AtomicBoolean;

import io.coffer.secrets.ha.FakeHaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HA gauges and the leadership-lost counter follow this node's role changes. */
class HaMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeHaCluster ha = new FakeHaCluster();

	private final AtomicBoolean sealed = new AtomicBoolean(true);

	private HaMetrics metrics;

	@BeforeEach
	void registered() {
		this.metrics = new HaMetrics(this.registry, this.ha, this.sealed::get);
		this.metrics.afterSingletonsInstantiated();
	}

	@Test
	void aSealedNodeIsNeitherLeaderNorCandidateAndHasLostNothing() {
		assertThat(value("vault.raft.state.leader")).isZero();
		assertThat(value("vault.raft.state.candidate")).isZero();
		assertThat(lost()).isZero();
	}

	@Test
	void anUnsealedNodeWithoutActiveNodeIsACandidateUntilItLeads() {
		this.sealed.set(false);
		assertThat(value("vault.raft.state.candidate")).isEqualTo(1);

		this.ha.joinElection();
		assertThat(value("vault.raft.state.leader")).isEqualTo(1);
		assertThat(value("vault.raft.state.candidate")).isZero();
	}

	@Test
	void everyLossOfTheActiveRoleCountsOnce() {
		this.sealed.set(false);
		this.ha.joinElection();
		this.ha.leaveElection();
		this.ha.joinElection();
		this.ha.leaveElection();

		assertThat(lost()).isEqualTo(2);
		assertThat(value("vault.raft.state.leader")).isZero();
	}

	@Test
	void aStandbyToldItIsStandbyAgainLostNothing() {
		this.metrics.becameStandby();

		assertThat(lost()).isZero();
	}

	private double value(String gauge) {
		return this.registry.get(gauge).gauge().value();
	}

	private double lost() {
		return this.registry.get("vault.core.leadership_lost_count").counter().count();
	}

}
