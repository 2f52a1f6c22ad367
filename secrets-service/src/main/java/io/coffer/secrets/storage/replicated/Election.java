package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cp.lock.FencedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contends for the CP {@link FencedLock} while this node has joined the election, and
 * holds the active role while it owns the lock. A {@code FencedLock} belongs to the
 * thread that took it, so this one thread acquires, watches and releases it.
 */
final class Election implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Election.class);

	private static final Duration WATCH = Duration.ofMillis(250);

	private static final int CATCH_UP_BATCH = 128;

	private final NodeRuntime runtime;

	private final Follower follower;

	private final Lazy<FencedLock> lock;

	private final Object signal = new Object();

	private volatile boolean joined;

	private volatile boolean running = true;

	Election(NodeRuntime runtime, Follower follower) {
		this.runtime = runtime;
		this.follower = follower;
		this.lock = Lazy.perCpGeneration(runtime.raftNodes,
				() -> runtime.hazelcast.getCPSubsystem().getLock(CpNames.ACTIVE_LOCK));
	}

	void join() {
		this.joined = true;
		wake();
	}

	/** Whether this node has joined the election (it is unsealed). */
	boolean joined() {
		return this.joined;
	}

	void leave() {
		this.joined = false;
		this.runtime.demote("left the election");
		wake();
	}

	void stop() {
		this.running = false;
		this.joined = false;
		wake();
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				contend();
			}
			catch (RuntimeException ex) {
				logger.warn("Election step failed on node {}: {}", this.runtime.nodeId(), ex.toString());
				pause(Duration.ofSeconds(1));
			}
		}
	}

	private void contend() {
		if (!this.joined || this.runtime.auth.retired() || !this.follower.ready() || !this.runtime.cpReady()) {
			pause(Duration.ofMillis(200));
			return;
		}
		long fence;
		try {
			fence = this.lock.get().tryLockAndGetFence(1, TimeUnit.SECONDS);
		}
		catch (RuntimeException ex) {
			logger.warn("Node {} could not contend for the active lock: {}", this.runtime.nodeId(), ex.toString());
			pause(Duration.ofSeconds(1));
			return;
		}
		if (fence == FencedLock.INVALID_FENCE) {
			return;
		}
		serve(fence);
	}

	private void serve(long fence) {
		boolean promoted = false;
		try {
			ActiveTerm term = this.joined ? promote(fence) : null;
			promoted = term != null;
			if (promoted) {
				// outside the apply lock: listeners may write, and writes apply under it
				this.runtime.becomeActive(term);
				while (this.running && this.joined && this.runtime.isActive() && stillHeld()) {
					pause(WATCH);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Node {} failed while active: {}", this.runtime.nodeId(), ex.toString());
		}
		finally {
			this.runtime.demote(this.joined ? "lost the active lock" : "left the election");
			release();
		}
		if (!promoted) {
			this.follower.recheck();
			pause(Duration.ofSeconds(1));
		}
	}

	/**
	 * Applies every committed entry this node lacks, then appends an empty entry under
	 * its own fence: once that is committed no earlier active can append again, so
	 * nothing can change the state this node is about to serve from.
	 */
	private ActiveTerm promote(long fence) {
		CpLog log = this.runtime.cpLog;
		this.runtime.applyLock.lock();
		try {
			for (int attempt = 0; attempt < 5; attempt++) {
				LogEntry head = log.head();
				if (head == null || !trusted(head) || !catchUp(head) || this.runtime.auth.retired()) {
					// retired: it caught up past another cluster's state, whose keys it
					// lacks
					return null;
				}
				log.archive(LogCodec.encode(head));
				LogEntry barrier = new LogEntry(head.epoch(), head.index() + 1, fence, null, List.of())
					.signed(this.runtime.auth);
				byte[] encoded = LogCodec.encode(barrier);
				if (log.append(encoded)) {
					log.archive(encoded);
					this.runtime.apply(barrier);
					return new ActiveTerm(head.epoch(), fence, barrier.index(), this.runtime.clock.instant());
				}
			}
			return null;
		}
		finally {
			this.runtime.applyLock.unlock();
		}
	}

	/**
	 * Whether this node may build on {@code head}: it verifies under the log key, or it
	 * is the foreign restore entry this replica installed last, which was signed with the
	 * key of the state it replaced (a node unsealed with the restored state's keys
	 * continues the log after it under the new key).
	 */
	private boolean trusted(LogEntry head) {
		if (this.runtime.admit(head) == NodeRuntime.Admission.APPLY) {
			return true;
		}
		return head.isRestore() && head.restore().foreign() && head.position().equals(this.runtime.replica.position());
	}

	private boolean catchUp(LogEntry head) {
		Position applied = this.runtime.replica.position();
		while (!applied.equals(head.position())) {
			List<LogEntry> next = (applied.index() < head.index())
					? this.runtime.cpLog.readFrom(applied.index() + 1, head, CATCH_UP_BATCH) : List.of();
			if (next.isEmpty() || this.runtime.applyAll(this.runtime.admitted(next)) < next.size()) {
				return false;
			}
			applied = next.getLast().position();
		}
		return true;
	}

	private boolean stillHeld() {
		try {
			return this.lock.get().isLockedByCurrentThread();
		}
		catch (RuntimeException ex) {
			logger.warn("Node {} lost its active lock: {}", this.runtime.nodeId(), ex.toString());
			return false;
		}
	}

	private void release() {
		try {
			if (this.lock.get().isLockedByCurrentThread()) {
				this.lock.get().unlock();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Releasing the active lock failed (already lost): {}", ex.toString());
		}
	}

	private void wake() {
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	private void pause(Duration duration) {
		synchronized (this.signal) {
			try {
				this.signal.wait(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

}
