package io.coffer.secrets.storage.replicated;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageOp;

/**
 * The active node's write path: group-commits pending writes into one log entry, appends
 * it in CP, applies it locally, and hands the callers' futures to
 * {@link ReplicationProgress}, which completes them once a majority has applied it. While
 * one entry is in flight the next group collects, so batches grow with load.
 */
final class Committer implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Committer.class);

	private static final int MAX_GROUP_BYTES = 1 << 20;

	private final NodeRuntime runtime;

	private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private volatile boolean running = true;

	/** A restore met while collecting a group: it is committed next, on its own. */
	private Pending carried;

	Committer(NodeRuntime runtime) {
		this.runtime = runtime;
	}

	CompletableFuture<Void> submit(List<StorageOp> ops) {
		if (!this.runtime.isActive()) {
			throw standby();
		}
		Pending pending = new Pending(List.copyOf(ops), size(ops), new CompletableFuture<>(), null);
		this.queue.add(pending);
		return pending.done();
	}

	/**
	 * Queues a restore entry: committed in its own entry, in order with the writes around
	 * it. Once it is applied here this node leaves the active role, so whatever it holds
	 * in memory is read again from the restored state before it serves (writes still
	 * queued behind it fail as a standby's).
	 */
	CompletableFuture<Void> submitRestore(RestoreMark mark) {
		if (!this.runtime.isActive()) {
			throw standby();
		}
		Pending pending = new Pending(List.of(), 0, new CompletableFuture<>(), mark);
		this.queue.add(pending);
		return pending.done();
	}

	void stop() {
		this.running = false;
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				Pending first = (this.carried != null) ? this.carried : this.queue.poll(200, TimeUnit.MILLISECONDS);
				this.carried = null;
				if (first == null) {
					continue;
				}
				ActiveTerm term = this.runtime.term();
				List<Pending> group = collect(first);
				if (term == null) {
					fail(group, standby());
					continue;
				}
				commit(term, group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<Pending> left = new ArrayList<>();
		if (this.carried != null) {
			left.add(this.carried);
		}
		this.queue.drainTo(left);
		fail(left, new StorageException("storage is shutting down"));
	}

	private List<Pending> collect(Pending first) throws InterruptedException {
		List<Pending> group = new ArrayList<>();
		group.add(first);
		if (first.restore() != null) {
			return group;
		}
		long bytes = first.bytes();
		long deadline = System.nanoTime() + this.runtime.settings.tuning().groupCommitDelay().toNanos();
		while (bytes < MAX_GROUP_BYTES) {
			Pending next = this.queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (next == null) {
				break;
			}
			if (next.restore() != null) {
				this.carried = next;
				break;
			}
			group.add(next);
			bytes += next.bytes();
		}
		return group;
	}

	private void commit(ActiveTerm term, List<Pending> group) {
		List<StorageOp> ops = new ArrayList<>();
		group.forEach((p) -> ops.addAll(p.ops()));
		RestoreMark restore = group.getFirst().restore();
		LogEntry entry = ((restore != null)
				? LogEntry.restore(term.epoch(), term.lastIndex() + 1, term.fence(), restore)
				: new LogEntry(term.epoch(), term.lastIndex() + 1, term.fence(), null, ops))
			.signed(this.runtime.auth);
		if (entry.tag() == null) {
			// followers would refuse it; only a node holding the log key (unsealed, or
			// during sys/init) writes data
			fail(group, new StorageException("this node holds no log key (it is sealed): write refused"));
			return;
		}
		byte[] encoded = LogCodec.encode(entry);
		boolean appended;
		try {
			appended = this.runtime.cpLog.append(encoded) || committedAnyway(entry, encoded);
		}
		catch (RuntimeException ex) {
			fail(group, new StorageException("write outcome unknown: appending to the CP log failed", ex));
			this.runtime.demote("appending to the CP log failed");
			return;
		}
		if (!appended) {
			fail(group, new StandbyException("this node lost the active role before the write was committed"));
			this.runtime.demote("another node appended to the log");
			return;
		}
		term.appended(entry.index());
		this.runtime.publishHint(encoded);
		try {
			// archive before the next append: the ring must hold every entry behind the
			// head
			this.runtime.cpLog.archive(encoded);
			this.runtime.apply(entry);
		}
		catch (RuntimeException ex) {
			logger.error("Entry {} is committed but could not be archived or applied on node {}", entry.index(),
					this.runtime.nodeId(), ex);
			fail(group, new StorageException("write outcome unknown: committed entry could not be applied", ex));
			this.runtime.demote("applying a committed entry failed");
			return;
		}
		group.forEach((p) -> this.runtime.progress.awaitMajority(entry.position(), p.done()));
		if (restore != null) {
			this.runtime.demote("restored a snapshot at " + entry.position() + "; in-memory state is read again");
		}
	}

	/**
	 * A rejected append may still be ours if the CP call was retried after another node
	 * appended; the ring tells (every committed entry is archived before the next one).
	 */
	private boolean committedAnyway(LogEntry entry, byte[] encoded) {
		LogEntry stored = this.runtime.cpLog.read(entry.index(), this.runtime.cpLog.head());
		return stored != null && java.util.Arrays.equals(LogCodec.encode(stored), encoded);
	}

	private static void fail(List<Pending> group, RuntimeException cause) {
		group.forEach((p) -> p.done().completeExceptionally(cause));
	}

	private static StandbyException standby() {
		return new StandbyException("this node is a standby; writes are served by the active node");
	}

	private static int size(List<StorageOp> ops) {
		int bytes = 0;
		for (StorageOp op : ops) {
			bytes += op.key().length() + ((op instanceof StorageOp.Put put) ? put.value().length : 0);
		}
		return bytes;
	}

	private record Pending(List<StorageOp> ops, int bytes, CompletableFuture<Void> done, RestoreMark restore) {
	}

}
