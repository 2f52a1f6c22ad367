package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a standby's replica following the log: applies committed entries in index order
 * (from the active's broadcast when it arrives in sequence, otherwise read from CP),
 * seeds an epoch when there is none, and copies a whole replica when the next entry is
 * gone from the ring or the replica holds entries that are not in the current history.
 */
final class Follower implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Follower.class);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final int MAX_BUFFERED_HINTS = 4096;

	/** Entries read from the ring at once by a follower that is behind. */
	private static final int CATCH_UP_BATCH = 128;

	private final NodeRuntime runtime;

	private final Seeder seeder;

	private final ReplicaCopier copier;

	private final ConcurrentSkipListMap<Long, LogEntry> hints = new ConcurrentSkipListMap<>();

	private final Object signal = new Object();

	private volatile boolean ready;

	private volatile boolean waitingForKey;

	private volatile boolean running = true;

	private boolean signalled;

	private long lastPollNanos;

	Follower(NodeRuntime runtime, Seeder seeder, ReplicaCopier copier) {
		this.runtime = runtime;
		this.seeder = seeder;
		this.copier = copier;
	}

	/**
	 * Whether this node continues the current log without a copy, i.e. may contend to
	 * become active.
	 */
	boolean ready() {
		return this.ready;
	}

	/**
	 * Whether this node stopped at an entry it cannot verify without the log key (it is
	 * sealed); see {@link SealedReads}.
	 */
	boolean waitingForKey() {
		return this.waitingForKey;
	}

	/** Wakes the follower, e.g. when the log key arrives. */
	void poke() {
		wake();
	}

	/**
	 * A committed entry broadcast by the active (a hint: it is verified like any other).
	 */
	void offer(LogEntry entry) {
		if (this.hints.size() < MAX_BUFFERED_HINTS) {
			this.hints.put(entry.index(), entry);
		}
		wake();
	}

	/** Forces a CP poll on the next step (e.g. after a failed promotion). */
	void recheck() {
		this.ready = false;
		wake();
	}

	void stop() {
		this.running = false;
		wake();
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				if (!step()) {
					pause(POLL);
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("Follower step failed on node {}: {}", this.runtime.nodeId(), ex.toString());
					pause(Duration.ofSeconds(1));
				}
			}
		}
	}

	/** One unit of progress; false when there was nothing to do right now. */
	boolean step() {
		if (this.runtime.isActive()) {
			this.hints.clear();
			return false;
		}
		this.runtime.applyLock.lock();
		try {
			if (this.runtime.isActive()) {
				return false;
			}
			Position applied = this.runtime.replica.position();
			this.hints.headMap(applied.index(), true).clear();
			LogEntry hint = this.hints.remove(applied.index() + 1);
			// not while no epoch is confirmed: a node that published its position for a
			// new epoch must not move past it
			if (hint != null && this.ready && hint.follows(applied) && this.runtime.canApply(hint)
					&& this.runtime.admit(hint) == NodeRuntime.Admission.APPLY) {
				this.runtime.apply(hint);
				this.waitingForKey = false;
				return true;
			}
			boolean behind = this.runtime.committedIndex() > applied.index();
			if (hint == null && this.ready && !behind && System.nanoTime() - this.lastPollNanos < POLL.toNanos()) {
				return false;
			}
			return catchUpFromLog(applied);
		}
		finally {
			this.runtime.applyLock.unlock();
		}
	}

	private boolean catchUpFromLog(Position applied) {
		this.lastPollNanos = System.nanoTime();
		if (!this.runtime.cpReady()) {
			return false;
		}
		LogEntry head = this.runtime.cpLog.head();
		if (head == null) {
			this.ready = false;
			this.waitingForKey = false;
			this.seeder.step(applied);
			return false;
		}
		if (head.position().equals(applied)) {
			this.ready = true;
			this.waitingForKey = false;
			return false;
		}
		if (head.epoch().equals(applied.epoch()) && head.index() < applied.index()) {
			// committed entries are never removed: a head behind this replica was planted
			this.ready = false;
			this.runtime.refused(head, "it is behind this replica at " + applied + " (replayed)");
			return false;
		}
		List<LogEntry> next = (applied.index() < head.index())
				? this.runtime.cpLog.readFrom(applied.index() + 1, head, CATCH_UP_BATCH) : List.of();
		if (!next.isEmpty() && next.getFirst().follows(applied)) {
			List<LogEntry> run = this.runtime.admitted(next);
			if (!run.isEmpty()) {
				this.waitingForKey = false;
				if (this.runtime.applyAll(run) > 0) {
					this.ready = true;
					return true;
				}
				// a restore this node did not stage (it was down or joined later): the
				// restored state exists only on the nodes that applied it
				this.ready = false;
				if (run.getFirst().isRestore() && run.getFirst().restore().foreign()) {
					// another cluster's state: copied only once this node holds its keys
					if (!this.runtime.auth.retired()) {
						this.runtime.foreignStateInstalled();
					}
					return false;
				}
				this.runtime.observeCommitted(head.index());
				logger.info("Node {} at {} did not stage the restore at {}; copying the restored replica",
						this.runtime.nodeId(), applied, run.getFirst().position());
				return copyFromPeer(head.epoch());
			}
			if (this.runtime.admit(next.getFirst()) == NodeRuntime.Admission.WAIT) {
				this.ready = false;
				this.waitingForKey = true;
				return false;
			}
		}
		this.ready = false;
		if (!this.runtime.auth.keyed()) {
			// a copy is verified with the log key: a sealed node waits for it
			this.waitingForKey = true;
			return false;
		}
		if (this.runtime.admit(head) != NodeRuntime.Admission.APPLY) {
			return false;
		}
		if (head.position().compareTo(applied) <= 0) {
			this.runtime.refused(head, "this replica at " + applied + " cannot continue it and would not copy back");
			return false;
		}
		this.runtime.observeCommitted(head.index());
		logger.info("Node {} at {} cannot continue the log (head {}); copying a replica", this.runtime.nodeId(),
				applied, head.position());
		return copyFromPeer(head.epoch());
	}

	private boolean copyFromPeer(Epoch epoch) {
		Optional<Member> source = pickSource(epoch);
		if (source.isEmpty()) {
			logger.info("Node {}: no peer with a replica of epoch {} yet", this.runtime.nodeId(), epoch);
			return false;
		}
		this.copier.copyFrom(source.get());
		this.runtime.report();
		return true;
	}

	/** The active if it reports this epoch, else the most advanced peer in it. */
	private Optional<Member> pickSource(Epoch epoch) {
		Set<Member> members = this.runtime.hazelcast.getCluster().getMembers();
		Set<UUID> live = members.stream().map(Member::getUuid).collect(Collectors.toSet());
		ActiveMarker active = this.runtime.knownActive();
		Optional<AppliedReport> best = this.runtime.progress.reports()
			.stream()
			.filter((r) -> !r.nodeId().equals(this.runtime.nodeId()))
			.filter((r) -> r.position().epoch().equals(epoch) && live.contains(r.member()))
			.max(Comparator.comparing((AppliedReport r) -> active != null && r.member().equals(active.member()))
				.thenComparing(AppliedReport::position));
		return best.flatMap((r) -> members.stream().filter((m) -> m.getUuid().equals(r.member())).findFirst());
	}

	private void wake() {
		synchronized (this.signal) {
			this.signalled = true;
			this.signal.notifyAll();
		}
	}

	private void pause(Duration duration) {
		synchronized (this.signal) {
			try {
				if (!this.signalled) {
					this.signal.wait(duration.toMillis());
				}
				this.signalled = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

}
