package io.coffer.secrets.storage.replicated;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
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
 */
final class CpMembership {

	private static final Logger logger = LoggerFactory.getLogger(CpMembership.class);

	private final HazelcastInstance hazelcast;

	private final int cpMemberCount;

	CpMembership(HazelcastInstance hazelcast, int cpMemberCount) {
		this.hazelcast = hazelcast;
		this.cpMemberCount = cpMemberCount;
	}

	void check() {
		if (this.cpMemberCount == 0) {
			return;
		}
		CPSubsystemManagementService cp = this.hazelcast.getCPSubsystem().getCPSubsystemManagementService();
		if (!cp.isDiscoveryCompleted() || cp.getLocalCPMember() != null) {
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
		logger.info("Promoted {} to CP member", this.hazelcast.getCluster().getLocalMember().getAddress());
	}

	/** Whether this node votes in the CP group (always true in single-node mode). */
	boolean isVoting() {
		return this.cpMemberCount == 0
				|| this.hazelcast.getCPSubsystem().getCPSubsystemManagementService().getLocalCPMember() != null;
	}

	private boolean sameAddress(CPMember member) {
		return member.getAddress().equals(this.hazelcast.getCluster().getLocalMember().getAddress());
	}

}
