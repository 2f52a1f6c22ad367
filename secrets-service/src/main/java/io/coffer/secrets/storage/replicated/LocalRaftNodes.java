package io.coffer.secrets.storage.replicated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.CPGroupId;
import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.internal.CPGroupSummary;
import com.hazelcast.cp.internal.MetadataRaftGroupManager;
import com.hazelcast.cp.internal.RaftService;
import com.hazelcast.cp.internal.raft.impl.RaftNode;
import com.hazelcast.cp.internal.raft.impl.RaftNodeStatus;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;

/**
 * This member's own Raft nodes, one per CP group it belongs to. The public CP API does
 * not expose them, so this is the one place that reads Hazelcast internals.
 * <p>
 * Why they matter: a promoted CP member counts in its groups' quorums as soon as the
 * membership change commits (on the other members), but it can vote only once it has a
 * Raft node for the group, and it creates that node lazily, by asking the METADATA
 * group's leader. If a leader fails in between, the survivors and the new member cannot
 * form a quorum, and never will (the new member cannot reach a METADATA leader any more).
 */
final class LocalRaftNodes {

	private final Lazy<RaftService> raft;

	LocalRaftNodes(HazelcastInstance hazelcast) {
		this.raft = new Lazy<>(() -> ((HazelcastInstanceProxy) hazelcast).getOriginal().node.getNodeEngine()
			.getService(RaftService.SERVICE_NAME));
	}

	CPGroupId metadataGroup() {
		return this.raft.get().getMetadataGroupId();
	}

	/**
	 * The seed of the METADATA group's id: it changes with every CP reset, after which
	 * every CP proxy created before must be created again; 0 before CP has formed.
	 */
	long generation() {
		try {
			return this.raft.get().getMetadataGroupId().getSeed();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The CP members as this member last learned them (the METADATA group broadcasts its
	 * list to every member): no CP call, so it answers while CP has no majority.
	 */
	List<CPMember> knownCpMembers() {
		Collection<? extends CPMember> members = this.raft.get().getMetadataGroupManager().getActiveMembers();
		return (members != null) ? List.copyOf(members) : List.of();
	}

	/**
	 * The CP groups whose members include {@code cpMember}, as this member's copy of the
	 * METADATA group's state says (empty on a member that is not in METADATA).
	 */
	List<CPGroupId> groupsListing(UUID cpMember) {
		MetadataRaftGroupManager metadata = this.raft.get().getMetadataGroupManager();
		List<CPGroupId> groups = new ArrayList<>();
		for (CPGroupId id : metadata.getActiveGroupIds()) {
			CPGroupSummary group = metadata.getGroup(id);
			if (group != null && group.members().stream().anyMatch((m) -> m.getUuid().equals(cpMember))) {
				groups.add(id);
			}
		}
		return groups;
	}

	/**
	 * Whether this member's Raft node of {@code group} exists, follows a leader, is not
	 * in the middle of a member-list change and has committed a member list that includes
	 * itself, i.e. holds the group's log at least up to its own admission: from then on
	 * it can elect a new leader with any other member.
	 * <p>
	 * A member-list change that is appended but not yet committed
	 * ({@code UPDATING_GROUP_MEMBER_LIST}, applied members differ from committed ones)
	 * does not count: ChaosIT killed the active 0.3 s after a relaunched node said it
	 * voted while its Raft node of the log's group was still applying its admission, and
	 * the two survivors could not commit for 43 s, until a CP reset.
	 */
	boolean votesIn(CPGroupId group) {
		RaftNode node = this.raft.get().getRaftNode(group);
		return node != null && node.getStatus() == RaftNodeStatus.ACTIVE && node.getLeader() != null
				&& node.getCommittedMembers().contains(node.getLocalMember())
				&& Set.copyOf(node.getCommittedMembers()).equals(Set.copyOf(node.getAppliedMembers()));
	}

	/**
	 * Whether the METADATA group, as this member last applied it, has no CP member-list
	 * change in progress (a member removed or added and not yet reflected in every
	 * group): while one is, the groups are in flux and no member counts as voting.
	 */
	boolean membershipSettled() {
		return this.raft.get().getMetadataGroupManager().getMembershipChangeSchedule() == null;
	}

	/**
	 * Starts creating this member's Raft node of {@code group} now, as Hazelcast would on
	 * the leader's next message (heartbeats come every 500 ms); a no-op once it exists.
	 */
	void initialize(CPGroupId group) {
		this.raft.get().getOrInitRaftNode(group);
	}

}
