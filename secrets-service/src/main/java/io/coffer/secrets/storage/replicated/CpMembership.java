package io.coffer.secrets.storage.replicated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.hazelcast.cluster.Address;
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
 * this node removes one CP member that has left the cluster (its own previous life: the
 * CP member with its address, else another missing one) and promotes itself in its place.
 * It never removes a member unless the remaining CP members are a majority, so the change
 * cannot cost the group its quorum.
 * <p>
 * Presence is decided by address and by what the nodes say about themselves
 * ({@link ClusterWatch}), never by comparing a CP member's UUID with a Hazelcast
 * member's: Hazelcast gives a promoted CP member a fresh UUID, so that comparison took
 * every promoted member for missing, refused the next restarted node's promotion ("lost
 * its majority (1 of 3 present)") and left the cluster one failure away from a wedge.
 * <p>
 * Being a CP member is not yet voting: see {@link LocalRaftNodes}. Until this member's
 * Raft nodes have caught up (normally well under a second), losing a group leader leaves
 * the group without a quorum, so the node asks for them at once and reports itself as
 * voting ({@link #isVoting()}) only when they have.
 */
final class CpMembership {

	private static final Logger logger = LoggerFactory.getLogger(CpMembership.class);

	private static final java.time.Duration VOTING_WATCH = java.time.Duration.ofSeconds(10);

	private final HazelcastInstance hazelcast;

	private final int cpMemberCount;

	private final LocalRaftNodes raftNodes;

	private final ClusterWatch watch;

	/** When this node promoted itself, while it does not vote yet; 0 otherwise. */
	private long promotedAt;

	private String lastRefusal;

	CpMembership(NodeRuntime runtime, ClusterWatch watch) {
		this.hazelcast = runtime.hazelcast;
		this.cpMemberCount = runtime.settings.cluster().cpMemberCount();
		this.raftNodes = runtime.raftNodes;
		this.watch = watch;
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
		// decide on the local view first: asking CP without a majority blocks for long
		if (!worthAsking(this.raftNodes.knownCpMembers())) {
			return;
		}
		Collection<CPMember> cpMembers = CpLog.await(cp.getCPMembers());
		List<CPMember> missing = cpMembers.stream().filter((m) -> !this.watch.isPresent(m)).toList();
		if (missing.isEmpty() && cpMembers.size() >= this.cpMemberCount) {
			return;
		}
		int remaining = cpMembers.size() - missing.size();
		if (!missing.isEmpty()) {
			if (remaining < cpMembers.size() / 2 + 1) {
				refuse(remaining, cpMembers.size());
				return;
			}
			CPMember gone = missing.stream().min(Comparator.comparing((CPMember m) -> !sameAddress(m))).orElseThrow();
			CpLog.await(cp.removeCPMember(gone.getUuid()));
			logger.info("Removed missing CP member {} ({})", gone.getAddress(), gone.getUuid());
		}
		CpLog.await(cp.promoteToCPMember());
		this.promotedAt = System.nanoTime();
		this.lastRefusal = null;
		logger.info("Promoted {} to CP member", localAddress());
		awaitVoting();
	}

	/**
	 * Right after the promotion: asks for this node's Raft nodes and watches closely
	 * (every 50 ms, for up to {@link #VOTING_WATCH}) until it votes, so that it is
	 * reported as a voter without delay; later checks take over if it takes longer.
	 */
	private void awaitVoting() {
		long deadline = System.nanoTime() + VOTING_WATCH.toNanos();
		UUID local = localCpMember();
		while (!isVoting() && System.nanoTime() < deadline) {
			this.raftNodes.initialize(this.raftNodes.metadataGroup());
			if (local != null) {
				this.raftNodes.groupsListing(local).forEach(this.raftNodes::initialize);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		followPromotion();
	}

	private boolean worthAsking(List<CPMember> known) {
		if (known.isEmpty()) {
			return true;
		}
		long present = known.stream().filter(this.watch::isPresent).count();
		if (present < known.size() / 2 + 1) {
			refuse((int) present, known.size());
			return false;
		}
		return true;
	}

	private void refuse(int present, int total) {
		String refusal = present + " of " + total;
		if (!refusal.equals(this.lastRefusal)) {
			logger.warn("CP group has lost its majority ({} present); not changing membership (see CpRecovery)",
					refusal);
			this.lastRefusal = refusal;
		}
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
			logger.info("{} votes in every CP group it belongs to, {} ms after its promotion", localAddress(),
					(System.nanoTime() - this.promotedAt) / 1_000_000);
			this.promotedAt = 0;
			this.watch.publish();
			return;
		}
		this.raftNodes.initialize(this.raftNodes.metadataGroup());
		groupsOfThisMember().forEach(this.raftNodes::initialize);
	}

	/** This node's CP member UUID, null while it is not a CP member. */
	UUID localCpMember() {
		if (this.cpMemberCount == 0) {
			return null;
		}
		CPMember local = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService().getLocalCPMember();
		return (local != null) ? local.getUuid() : null;
	}

	/**
	 * Whether this node votes in every CP group it belongs to (always true in single-node
	 * mode): it is a CP member, no CP member-list change is in progress, and its Raft
	 * node of each group has caught up with its own admission. Local state only (no CP
	 * call), so it answers at once while CP has no majority.
	 */
	boolean isVoting() {
		if (this.cpMemberCount == 0) {
			return true;
		}
		CPMember local = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService().getLocalCPMember();
		if (local == null || !this.raftNodes.membershipSettled()
				|| !this.raftNodes.votesIn(this.raftNodes.metadataGroup())) {
			return false;
		}
		return this.raftNodes.groupsListing(local.getUuid()).stream().allMatch(this.raftNodes::votesIn);
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
		return member.getAddress().equals(localAddress());
	}

	private Address localAddress() {
		return this.hazelcast.getCluster().getLocalMember().getAddress();
	}

}
