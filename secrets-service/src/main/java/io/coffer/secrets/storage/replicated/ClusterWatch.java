package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.cp.CPMember;
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.ClusterHealth;

/**
 * Every node's {@link NodeStatus}, heard on a topic and published by this node every
 * second: which CP member each node is, whether it votes, whether it is unsealed and
 * follows the log. From it come autopilot's view ({@link #health()}) and the presence of
 * CP members ({@link #isPresent}) that {@link CpMembership} and {@link CpRecovery} decide
 * on.
 */
final class ClusterWatch {

	private static final Logger logger = LoggerFactory.getLogger(ClusterWatch.class);

	/** A status older than this (three missed publications) no longer counts. */
	static final Duration FRESH = Duration.ofSeconds(3);

	/** Vault's default {@code max_trailing_logs}. */
	private static final long MAX_TRAILING_ENTRIES = 1000;

	/**
	 * Vault's default {@code server_stabilization_time}: a node counts towards the
	 * failure tolerance only once it has voted this long without interruption. Right
	 * after a relaunched node's admission the CP groups are still settling; ChaosIT
	 * killed the active 0.3 and 0.5 s after such a node first voted, and twice the
	 * survivors could not commit until a CP reset (47 and 55 s). Reporting a tolerance of
	 * 1 then told the operator a kill was safe when it was not.
	 */
	static final Duration STABILIZATION = Duration.ofSeconds(10);

	private final NodeRuntime runtime;

	private final ITopic<NodeStatus> topic;

	private final Map<String, Heard> heard = new ConcurrentHashMap<>();

	private final Map<String, Instant> healthySince = new ConcurrentHashMap<>();

	/** Since when (nanoTime) each node has said without interruption that it votes. */
	private final Map<String, Long> votingSince = new ConcurrentHashMap<>();

	private volatile Supplier<NodeStatus> own;

	ClusterWatch(NodeRuntime runtime) {
		this.runtime = runtime;
		this.topic = runtime.hazelcast.getTopic(CpNames.STATUS_TOPIC);
	}

	void start(Supplier<NodeStatus> ownStatus) {
		this.own = ownStatus;
		this.topic.addMessageListener((message) -> {
			NodeStatus status = message.getMessageObject();
			if (!status.nodeId().equals(this.runtime.nodeId())) {
				hear(status);
			}
		});
	}

	/** Records and broadcasts this node's status. */
	void publish() {
		NodeStatus mine = this.own.get();
		hear(mine);
		try {
			this.topic.publishAsync(mine);
		}
		catch (RuntimeException ex) {
			logger.debug("Publishing the status of node {} failed: {}", mine.nodeId(), ex.toString());
		}
	}

	private void hear(NodeStatus status) {
		long now = System.nanoTime();
		Heard previous = this.heard.put(status.nodeId(), new Heard(status, now));
		if (!status.voting()) {
			this.votingSince.remove(status.nodeId());
		}
		else if (previous == null || !previous.status().voting()
				|| !previous.status().member().equals(status.member())) {
			this.votingSince.put(status.nodeId(), now);
		}
		else {
			this.votingSince.putIfAbsent(status.nodeId(), now);
		}
	}

	/** Whether the node has voted for at least {@link #STABILIZATION}. */
	private boolean stableVoter(String nodeId) {
		Long since = this.votingSince.get(nodeId);
		return since != null && System.nanoTime() - since >= STABILIZATION.toNanos();
	}

	/** Fresh statuses of the nodes whose member is in the cluster now, by member. */
	Map<UUID, NodeStatus> live() {
		Set<UUID> members = this.runtime.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map(Member::getUuid)
			.collect(Collectors.toSet());
		long now = System.nanoTime();
		return this.heard.values()
			.stream()
			.filter((h) -> members.contains(h.status().member()) && now - h.at() <= FRESH.toNanos())
			.map(Heard::status)
			.collect(Collectors.toMap(NodeStatus::member, (s) -> s, (a, b) -> a));
	}

	/**
	 * Whether the CP member is alive in the cluster. The node at its address decides when
	 * it has said which CP member it is (a restarted node has the address but not the CP
	 * identity of its dead predecessor); before that, a member at that address with the
	 * same UUID (members found by the first CP discovery) or any member at that address
	 * counts as present, which errs towards not changing anything.
	 */
	boolean isPresent(CPMember cpMember) {
		Optional<Member> atAddress = this.runtime.hazelcast.getCluster()
			.getMembers()
			.stream()
			.filter((m) -> m.getAddress().equals(cpMember.getAddress()))
			.findFirst();
		if (atAddress.isEmpty()) {
			return false;
		}
		Member member = atAddress.get();
		if (member.localMember()) {
			return cpMember.getUuid().equals(this.own.get().cpMember());
		}
		if (member.getUuid().equals(cpMember.getUuid())) {
			return true;
		}
		NodeStatus status = live().get(member.getUuid());
		return status == null || cpMember.getUuid().equals(status.cpMember());
	}

	/** Autopilot's view: every node heard from, its role, health and the tolerance. */
	ClusterHealth health() {
		publish();
		Map<UUID, NodeStatus> live = live();
		String leader = this.runtime.isActive() ? this.runtime.nodeId()
				: Optional.ofNullable(this.runtime.knownActive()).map(ActiveMarker::nodeId).orElse("");
		Instant now = this.runtime.clock.instant();
		Position leaderPosition = this.heard.values()
			.stream()
			.map(Heard::status)
			.filter((s) -> s.nodeId().equals(leader))
			.map(NodeStatus::position)
			.findFirst()
			.orElse(null);
		List<ClusterHealth.Server> servers = new ArrayList<>();
		long stableVoters = 0;
		for (Heard heard : this.heard.values()) {
			NodeStatus status = heard.status();
			boolean alive = live.containsKey(status.member());
			ClusterHealth.Role role = status.nodeId().equals(leader) ? ClusterHealth.Role.LEADER
					: status.voting() ? ClusterHealth.Role.VOTER : ClusterHealth.Role.NON_VOTER;
			boolean healthy = alive && status.voting() && status.inElection() && status.following()
					&& !trailing(status.position(), leaderPosition);
			Instant stable = healthy ? this.healthySince.computeIfAbsent(status.nodeId(), (id) -> now) : null;
			if (!healthy) {
				this.healthySince.remove(status.nodeId());
			}
			Duration contact = status.nodeId().equals(this.runtime.nodeId()) ? Duration.ZERO
					: Duration.ofNanos(System.nanoTime() - heard.at());
			servers.add(new ClusterHealth.Server(status.nodeId(), status.clusterAddress(), alive, role, healthy,
					contact, status.position().epoch().ordinal(), status.position().index(), stable));
			if (healthy && (role == ClusterHealth.Role.LEADER
					|| (role == ClusterHealth.Role.VOTER && stableVoter(status.nodeId())))) {
				stableVoters++;
			}
		}
		servers.sort(Comparator.comparing(ClusterHealth.Server::id));
		int groupSize = Math.max(this.runtime.settings.cluster().cpMemberCount(),
				(this.runtime.settings.cluster().cpMemberCount() == 0) ? 1
						: this.runtime.raftNodes.knownCpMembers().size());
		int quorum = groupSize / 2 + 1;
		int tolerance = (int) Math.max(0, stableVoters - quorum);
		boolean allHealthy = servers.stream().allMatch(ClusterHealth.Server::healthy);
		return new ClusterHealth(allHealthy && stableVoters >= quorum, tolerance, leader, servers);
	}

	/**
	 * Like Vault's {@code max_trailing_logs}: too far behind the leader to be healthy.
	 */
	private static boolean trailing(Position position, Position leader) {
		return leader != null && (!position.epoch().equals(leader.epoch())
				|| leader.index() - position.index() > MAX_TRAILING_ENTRIES);
	}

	private record Heard(NodeStatus status, long at) {
	}

}
