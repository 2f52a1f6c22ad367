package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.Member;
import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.CPSubsystemManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-forms the CP group when it has lost its voting majority for good while enough nodes
 * run: {@code CPSubsystemManagementService.reset()} wipes CP state on every member, CP
 * discovery forms a new group from {@code cpMemberCount} members, and the {@link Seeder}
 * starts a new log epoch from the most advanced replica of a majority, as after a full
 * restart. No acknowledged write is lost: each reached a majority of replicas, and every
 * majority includes one of them.
 * <p>
 * A reset while a working CP majority exists would depose a healthy cluster (and, split
 * from it, could form a second one), so every condition must hold, checked each second:
 * <ul>
 * <li>this node is the Hazelcast master (the only member Hazelcast lets reset, so at most
 * one decides);</li>
 * <li>at least {@code cpMemberCount} members are in the cluster (Hazelcast needs them to
 * form the new group; with 3 nodes that is every node, so no minority side of a partition
 * can ever reset);</li>
 * <li>every member has said which CP member it is ({@link NodeStatus}), and fewer than a
 * majority of the CP members are present and voting;</li>
 * <li>this has lasted {@link #sustainFor} (three CP session TTLs, at least 15 s), far
 * longer than a Raft leader election (~2.5 s), and a CP call still fails right before the
 * reset.</li>
 * </ul>
 */
final class CpRecovery {

	private static final Logger logger = LoggerFactory.getLogger(CpRecovery.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	/** Shorter losses are leader elections: not worth a warning. */
	private static final Duration WARN_AFTER = Duration.ofSeconds(5);

	private final NodeRuntime runtime;

	private final ClusterWatch watch;

	private final Duration sustain;

	private long lostSince;

	private long lastReset;

	private boolean warned;

	private String lastWaiting;

	CpRecovery(NodeRuntime runtime, ClusterWatch watch) {
		this.runtime = runtime;
		this.watch = watch;
		this.sustain = sustainFor(runtime.settings.tuning().sessionTtl());
	}

	/** How long the CP group must have had no voting majority before a reset. */
	static Duration sustainFor(Duration sessionTtl) {
		Duration three = sessionTtl.multipliedBy(3);
		return (three.compareTo(Duration.ofSeconds(15)) < 0) ? Duration.ofSeconds(15) : three;
	}

	void check() {
		int cpMemberCount = this.runtime.settings.cluster().cpMemberCount();
		if (cpMemberCount == 0 || !lostNow(cpMemberCount)) {
			this.lostSince = 0;
			return;
		}
		long now = System.nanoTime();
		if (this.lostSince == 0) {
			this.lostSince = now;
			this.warned = false;
			return;
		}
		if (!this.warned && now - this.lostSince >= WARN_AFTER.toNanos()) {
			this.warned = true;
			logger.warn(
					"The CP group has had no voting majority for {} s; node {} (Hazelcast master) resets CP if "
							+ "this lasts {} s",
					WARN_AFTER.toSeconds(), this.runtime.nodeId(), this.sustain.toSeconds());
		}
		if (now - this.lostSince < this.sustain.toNanos()
				|| (this.lastReset != 0 && now - this.lastReset < this.sustain.multipliedBy(2).toNanos())) {
			return;
		}
		if (cpAnswers()) {
			this.lostSince = 0;
			return;
		}
		logger.warn(
				"The CP group has had no voting majority for {} s with every node in the cluster: node {} "
						+ "resets CP; a new group forms and the log continues from the most advanced replica",
				TimeUnit.NANOSECONDS.toSeconds(now - this.lostSince), this.runtime.nodeId());
		this.lastReset = now;
		this.lostSince = 0;
		CpLog.await(management().reset());
		logger.warn("CP reset by node {} done", this.runtime.nodeId());
	}

	private boolean lostNow(int cpMemberCount) {
		Set<Member> members = this.runtime.hazelcast.getCluster().getMembers();
		if (!members.iterator().next().localMember() || !management().isDiscoveryCompleted()) {
			return false;
		}
		List<CPMember> cpMembers = this.runtime.raftNodes.knownCpMembers();
		Map<UUID, NodeStatus> live = this.watch.live();
		long voting = cpMembers.stream()
			.filter((m) -> live.values().stream().anyMatch((s) -> s.voting() && m.getUuid().equals(s.cpMember())))
			.count();
		// a group can also be stuck with its members voting (a leader that cannot
		// replicate after a membership change its old leader died in): the log must
		// commit a write too
		if (cpMembers.isEmpty() || (voting >= cpMembers.size() / 2 + 1 && this.runtime.cpLog.answers(PROBE_TIMEOUT))) {
			this.lastWaiting = null;
			return false;
		}
		if (members.size() < cpMemberCount) {
			waiting(voting + " of " + cpMembers.size() + " CP members voting, " + members.size() + " of "
					+ cpMemberCount + " nodes in the cluster");
			return false;
		}
		// every member must have said which CP member it is
		return members.stream().allMatch((m) -> live.containsKey(m.getUuid()));
	}

	private boolean cpAnswers() {
		try {
			management().getCPMembers().toCompletableFuture().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (!this.runtime.cpLog.answers(PROBE_TIMEOUT)) {
				return false;
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private void waiting(String why) {
		if (!why.equals(this.lastWaiting)) {
			logger.warn("The CP group has no voting majority or does not answer ({}); a CP reset needs every node in "
					+ "the cluster", why);
		}
		this.lastWaiting = why;
	}

	private CPSubsystemManagementService management() {
		return this.runtime.hazelcast.getCPSubsystem().getCPSubsystemManagementService();
	}

}
