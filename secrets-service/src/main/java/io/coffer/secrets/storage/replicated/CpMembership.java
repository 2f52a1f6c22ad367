package io.coffer.secrets.storage.replicated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.CPGroup;
import com.hazelcast.cp.CPGroupId;
import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.CPSubsystemManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the CP group at its configured size when nodes restart. A restarted node has a
 * new Hazelcast identity and joins as a plain member; CP membership is not dynamic, so
 * this node removes one CP member that has left the cluster (preferring the one with its
 * own address, i.e. its previous life) and promotes itself in its place. It never removes
 * a member unless the remaining CP members are a majority, so the change cannot cost the
 * group its quorum.
 * <p>
 * Being a CP member is not yet voting: see {@link LocalRaftNodes}. Until this member's
 * Raft nodes have caught up (normally well under a second), losing a group leader leaves
 * the group without a quorum, so the node asks for them at once and reports itself as
 * voting ({@link #isVoting()}) only when they have.
 */
final class CpMembership {

	private static final Logger logger = LoggerFactory.getLogger(CpMembership.class);

	private final HazelcastInstance hazelcast;

	private final int cpMemberCount;

	private final LocalRaftNodes raftNodes;

	/** When this node promoted itself, while it does not vote yet; 0 otherwise. */
	private long promotedAt;

	CpMembership(HazelcastInstance hazelcast, int cpMemberCount) {
		this.hazelcast = hazelcast;
		this.cpMemberCount = cpMemberCount;
		this.raftNodes = new LocalRaftNodes(hazelcast);
	}

	void check() {
		if (this.cpMemberCount == 0) {
			return;
		}
		CPSubsystemManagementService cp = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService();
		if (!cp.isDiscoveryCompleted()) {
			return;
		}
		if (cp.getLocalCPMember() != null) {
			followPromotion();
			return;
		}
		Collection<CPMember> cpMembers = CpLog.await(cp.getCPMembers());
		Set<UUID> present = this.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map(Member::getUuid)
			.collect(Collectors.toSet());
		List<CPMember> missing = cpMembers.stream().filter((m) -> !present.contains(m.getUuid())).toList();
		if (missing.isEmpty() && cpMembers.size() >= this.cpMemberCount) {
			return;
		}
		int remaining = cpMembers.size() - missing.size();
		if (!missing.isEmpty()) {
			if (remaining < cpMembers.size() / 2 + 1) {
				logger.warn("CP group has lost its majority ({} of {} present); not changing membership", remaining,
						cpMembers.size());
				return;
			}
			CPMember gone = missing.stream().min(Comparator.comparing((CPMember m) -> !sameAddress(m))).orElseThrow();
			CpLog.await(cp.removeCPMember(gone.getUuid()));
			logger.info("Removed missing CP member {} ({})", gone.getAddress(), gone.getUuid());
		}
		CpLog.await(cp.promoteToCPMember());
		this.promotedAt = System.nanoTime();
		logger.info("Promoted {} to CP member", this.hazelcast.getCluster().getLocalMember().getAddress());
		followPromotion();
	}

	/**
	 * After this node's own promotion: creates its Raft nodes without waiting for the
	 * leaders' next heartbeats, and says when it votes.
	 */
	private void followPromotion() {
		if (this.promotedAt == 0) {
			return;
		}
		if (isVoting()) {
			logger.info("{} votes in every CP group it belongs to, {} ms after its promotion",
					this.hazelcast.getCluster().getLocalMember().getAddress(),
					(System.nanoTime() - this.promotedAt) / 1_000_000);
			this.promotedAt = 0;
			return;
		}
		this.raftNodes.initialize(this.raftNodes.metadataGroup());
		groupsOfThisMember().forEach(this.raftNodes::initialize);
	}

	/**
	 * Whether this node votes in every CP group it belongs to (always true in single-node
	 * mode): it is a CP member and its Raft node of each group has caught up with its own
	 * admission.
	 */
	boolean isVoting() {
		if (this.cpMemberCount == 0) {
			return true;
		}
		CPMember local = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService().getLocalCPMember();
		if (local == null || !this.raftNodes.votesIn(this.raftNodes.metadataGroup())) {
			return false;
		}
		return groupsOfThisMember().stream().allMatch(this.raftNodes::votesIn);
	}

	/** The CP groups that list this member, as the METADATA group knows them. */
	private List<CPGroupId> groupsOfThisMember() {
		CPSubsystemManagementService cp = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService();
		CPMember local = cp.getLocalCPMember();
		List<CPGroupId> mine = new ArrayList<>();
		if (local == null) {
			return mine;
		}
		for (CPGroupId id : CpLog.await(cp.getCPGroupIds())) {
			CPGroup group = CpLog.await(cp.getCPGroup(id.getName()));
			if (group != null && group.members().stream().anyMatch((m) -> m.getUuid().equals(local.getUuid()))) {
				mine.add(group.id());
			}
		}
		return mine;
	}

	private boolean sameAddress(CPMember member) {
		return member.getAddress().equals(this.hazelcast.getCluster().getLocalMember().getAddress());
	}

}
