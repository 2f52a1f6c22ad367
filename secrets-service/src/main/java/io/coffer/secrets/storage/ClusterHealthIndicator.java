package io.coffer.secrets.storage;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * This node's own view of failure tolerance, on every node (active or not, sealed or not)
 * at {@code /actuator/health/cluster}: whether this node votes, the voters and non-voters
 * it knows and the current failure tolerance. A node that is unsealed but not yet a voter
 * says {@code "voter": false}. Always UP: a non-voting node is not a reason to restart
 * it. Vault's {@code sys/health} has no such fields, so they live here and in
 * {@code sys/storage/raft/autopilot/state}.
 */
@Component("raft")
class ClusterHealthIndicator implements HealthIndicator {

	private final HaCluster ha;

	ClusterHealthIndicator(HaCluster ha) {
		this.ha = ha;
	}

	@Override
	public Health health() {
		ClusterHealth health = this.ha.clusterHealth();
		List<String> nonVoters = health.servers()
			.stream()
			.filter((s) -> s.alive() && s.role() == ClusterHealth.Role.NON_VOTER)
			.map(ClusterHealth.Server::id)
			.toList();
		boolean voter = health.voters().contains(this.ha.nodeId());
		return Health.up()
			.withDetail("node_id", this.ha.nodeId())
			.withDetail("voter", voter)
			.withDetail("failure_tolerance", health.failureTolerance())
			.withDetail("healthy", health.healthy())
			.withDetail("leader", health.leader())
			.withDetail("voters", health.voters())
			.withDetail("non_voters", nonVoters)
			.build();
	}

}
