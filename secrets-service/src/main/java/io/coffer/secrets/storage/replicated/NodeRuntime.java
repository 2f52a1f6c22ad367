package io.coffer.secrets.storage.replicated;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicReference;
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.storage.NodeInfo;
import io.coffer.secrets.storage.StorageException;

/**
 * State shared by the storage threads of one node: the replica, the CP log, the role and
 * the progress of every node. {@link #applyLock} serializes every change of the replica
 * (follower steps, promotion, the active's own applies).
 */
final class NodeRuntime {

	private static final Logger logger = LoggerFactory.getLogger(NodeRuntime.class);

	final StorageSettings settings;

	final HazelcastInstance hazelcast;

	final Replica replica;

	final CpLog cpLog;

	final ReplicationProgress progress;

	final Clock clock;

	final SecureRandom random;

	final LogAuth auth;

	final ReentrantLock applyLock = new ReentrantLock();

	final LocalRaftNodes raftNodes;

	private final ITopic<byte[]> hints;

	private final ITopic<AppliedReport> reports;

	private final Lazy<IAtomicReference<ActiveMarker>> activeMarker;

	private final List<HaListener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong committed = new AtomicLong();

	private volatile ActiveTerm term;

	private volatile ActiveMarker knownActive;

	private volatile Position lastRefused;

	NodeRuntime(StorageSettings settings, HazelcastInstance hazelcast, Replica replica, Clock clock,
			SecureRandom random, LogAuth auth) {
		this.settings = settings;
		this.auth = auth;
		this.hazelcast = hazelcast;
		this.replica = replica;
		this.clock = clock;
		this.random = random;
		this.raftNodes = new LocalRaftNodes(hazelcast);
		this.cpLog = new CpLog(hazelcast, this.raftNodes, settings.tuning().logSlots());
		this.progress = new ReplicationProgress(settings.majority(), auth);
		this.hints = hazelcast.getTopic(CpNames.HINT_TOPIC);
		this.reports = hazelcast.getTopic(CpNames.APPLIED_TOPIC);
		this.activeMarker = Lazy.perCpGeneration(this.raftNodes,
				() -> hazelcast.getCPSubsystem().getAtomicReference(CpNames.ACTIVE_NODE));
		this.committed.set(replica.position().index());
	}

	String nodeId() {
		return this.settings.nodeId();
	}

	UUID member() {
		return this.hazelcast.getCluster().getLocalMember().getUuid();
	}

	NodeInfo self() {
		return new NodeInfo(nodeId(), this.settings.apiAddress(), this.settings.cluster().address());
	}

	boolean cpReady() {
		// unsafe mode (single node) has no CP discovery; the management service refuses
		// calls
		return this.settings.cluster().cpMemberCount() == 0
				|| this.hazelcast.getCPSubsystem().getCPSubsystemManagementService().isDiscoveryCompleted();
	}

	ActiveTerm term() {
		return this.term;
	}

	boolean isActive() {
		return this.term != null;
	}

	long committedIndex() {
		return this.committed.get();
	}

	void observeCommitted(long index) {
		this.committed.accumulateAndGet(index, Math::max);
	}

	/**
	 * Applies a committed entry to the replica and tells everyone. Checked under the
	 * lock: after a demotion the committer and the follower may both hold the same entry,
	 * and a late second apply must not roll the replica back.
	 * @throws StorageException when the entry does not follow the replica, or is a
	 * restore this node has not staged (it must copy the restored replica from a peer)
	 */
	void apply(LogEntry entry) {
		this.applyLock.lock();
		try {
			Position applied = this.replica.position();
			if (applied.epoch().equals(entry.epoch()) && applied.index() >= entry.index()) {
				return;
			}
			if (!entry.follows(applied)) {
				throw new StorageException("entry " + entry.position() + " does not follow the replica at " + applied);
			}
			if (entry.isRestore()) {
				if (!canApply(entry)) {
					throw new StorageException("restore entry " + entry.position() + " was not staged on node "
							+ nodeId() + "; it copies the restored replica from a peer");
				}
				installRestore(entry);
			}
			else {
				this.replica.apply(entry);
			}
		}
		finally {
			this.applyLock.unlock();
		}
		observeCommitted(entry.index());
		report();
		if (entry.isRestore() && entry.restore().foreign()) {
			foreignStateInstalled();
		}
	}

	/**
	 * Whether this node can apply {@code entry} from its own state: any entry but a
	 * restore it has not staged.
	 */
	boolean canApply(LogEntry entry) {
		return !entry.isRestore() || this.replica.hasStaged(entry.restore().id());
	}

	private void installRestore(LogEntry entry) {
		if (entry.restore().foreign()) {
			// before the swap: from here on nothing is signed with a key the new state
			// does not know
			this.auth.retire();
		}
		this.replica.installStaged(entry.restore().id(), entry.position());
		logger.info("Node {} installed restore {} at {}", nodeId(), entry.restore(), entry.position());
	}

	/**
	 * After another cluster's state was installed here (or met unstaged: a node that
	 * could not stage it does not copy it with a key the state does not know), tells the
	 * listeners so the node seals; not on the node that drives the restore (still active:
	 * it counts the others' reports with its key and seals when the restore returns).
	 */
	void foreignStateInstalled() {
		this.auth.retire();
		if (!isActive()) {
			logger.info("Node {} holds another cluster's state after a forced restore; it seals", nodeId());
			this.listeners.forEach((l) -> {
				try {
					l.foreignStateInstalled();
				}
				catch (RuntimeException ex) {
					logger.warn("HA listener {} failed", l, ex);
				}
			});
		}
	}

	/**
	 * The leading entries of {@code entries} that this node may apply (see
	 * {@link #admit}).
	 */
	List<LogEntry> admitted(List<LogEntry> entries) {
		List<LogEntry> run = new java.util.ArrayList<>();
		for (LogEntry entry : entries) {
			if (admit(entry) != Admission.APPLY) {
				break;
			}
			run.add(entry);
		}
		return run;
	}

	/**
	 * Applies the leading run of {@code entries} that follows the replica, one after the
	 * other, in as few durable batches as it can (a restore entry is installed on its
	 * own); stops before a restore this node has not staged. Returns how many were
	 * applied.
	 */
	int applyAll(List<LogEntry> entries) {
		int applied = 0;
		boolean foreign = false;
		Position position;
		this.applyLock.lock();
		try {
			position = this.replica.position();
			List<LogEntry> run = new java.util.ArrayList<>();
			for (LogEntry entry : entries) {
				if (!entry.follows(position) || !canApply(entry)) {
					break;
				}
				if (entry.isRestore()) {
					if (!run.isEmpty()) {
						this.replica.apply(run);
						applied += run.size();
						run.clear();
					}
					installRestore(entry);
					foreign |= entry.restore().foreign();
					applied++;
				}
				else {
					run.add(entry);
				}
				position = entry.position();
			}
			if (!run.isEmpty()) {
				this.replica.apply(run);
				applied += run.size();
			}
		}
		finally {
			this.applyLock.unlock();
		}
		if (applied == 0) {
			return 0;
		}
		observeCommitted(position.index());
		report();
		if (foreign) {
			foreignStateInstalled();
		}
		return applied;
	}

	void report() {
		AppliedReport report = new AppliedReport(nodeId(), member(), this.replica.position()).signed(this.auth);
		this.progress.onReport(report);
		broadcast(() -> this.reports.publishAsync(report));
	}

	/** A report from the topic; see {@link ReplicationProgress#receive}. */
	void receive(AppliedReport report) {
		if (this.progress.receive(report) && !report.nodeId().equals(nodeId())) {
			this.auth.peerHasKey();
		}
	}

	/** Whether this node may apply {@code entry}; see STORAGE.md "Authenticated log". */
	Admission admit(LogEntry entry) {
		Admission verdict = LogAdmission.verdict(this.auth, entry);
		if (verdict == Admission.REFUSE) {
			refused(entry, LogAdmission.reason(this.auth, entry));
		}
		return verdict;
	}

	/** Logs a refused entry once (it is met again on every poll); no contents. */
	void refused(LogEntry entry, String reason) {
		if (!entry.position().equals(this.lastRefused)) {
			this.lastRefused = entry.position();
			logger.warn("Node {} refused log entry {}: {}", nodeId(), entry, reason);
		}
	}

	/** What {@link #admit} decides about an entry. */
	enum Admission {

		/** Verified (or changes no data): apply it. */
		APPLY,
		/** Changes data and this node has no key to verify it (sealed): wait. */
		WAIT,
		/** Forged, replayed, or tagged with another key: never apply it. */
		REFUSE

	}

	void publishHint(byte[] entry) {
		broadcast(() -> this.hints.publishAsync(entry));
	}

	// broadcasts are hints only; followers poll CP when one is lost
	private void broadcast(Runnable publish) {
		try {
			publish.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Broadcast from node {} failed: {}", nodeId(), ex.toString());
		}
	}

	ITopic<byte[]> hints() {
		return this.hints;
	}

	ITopic<AppliedReport> reports() {
		return this.reports;
	}

	void addListener(HaListener listener) {
		this.listeners.add(listener);
	}

	void becomeActive(ActiveTerm newTerm) {
		synchronized (this) {
			this.term = newTerm;
			notifyAll();
		}
		ActiveMarker marker = new ActiveMarker(nodeId(), this.settings.apiAddress(), this.settings.cluster().address(),
				member(), newTerm.fence());
		this.knownActive = marker;
		CpLog.await(this.activeMarker.get().alterAsync(new ActiveMarker.Publish(marker)));
		logger.info("Node {} is active (epoch {}, index {}, fence {})", nodeId(), newTerm.epoch(), newTerm.lastIndex(),
				newTerm.fence());
		this.listeners.forEach((l) -> notify(l, true));
	}

	/** Waits until this node is active; false on timeout. */
	synchronized boolean awaitActive(java.time.Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.term == null) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/** Leaves the active role, if held; idempotent. */
	void demote(String reason) {
		ActiveTerm old;
		synchronized (this) {
			old = this.term;
			this.term = null;
		}
		if (old == null) {
			return;
		}
		logger.info("Node {} is no longer active: {}", nodeId(), reason);
		this.knownActive = null;
		try {
			this.activeMarker.get().alterAsync(new ActiveMarker.Clear(old.fence()));
		}
		catch (RuntimeException ex) {
			// best effort: standbys also ignore a marker whose member has left
			logger.debug("Could not clear the active marker: {}", ex.toString());
		}
		this.listeners.forEach((l) -> notify(l, false));
	}

	ActiveMarker knownActive() {
		return this.knownActive;
	}

	void refreshKnownActive() {
		if (!isActive()) {
			this.knownActive = CpLog.await(this.activeMarker.get().getAsync());
		}
	}

	private void notify(HaListener listener, boolean active) {
		try {
			if (active) {
				listener.becameActive();
			}
			else {
				listener.becameStandby();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("HA listener {} failed", listener, ex);
		}
	}

}
