package io.coffer.secrets.storage.replicated;

import java.util.List;

import io.coffer.secrets.storage.StorageOp;

/**
 * Entry {@code index} of the replicated log: one group-committed batch.
 *
 * @param epoch the history the entry belongs to
 * @param index position in the log, consecutive within an epoch
 * @param fence the fencing token of the active node that wrote it (0 for a genesis)
 * @param previous for the first entry of an epoch (its genesis): the epoch whose entry
 * {@code index - 1} it continues; {@code null} otherwise
 * @param ops the batch, applied atomically
 * @param restore for a restore entry: the staged state that replaces the whole replica
 * (then {@code ops} is empty); {@code null} otherwise
 * @param tag the writer's HMAC over all of the above ({@link LogAuth}); null when written
 * without the log key (before {@code sys/init} created it)
 */
record LogEntry(Epoch epoch, long index, long fence, Epoch previous, List<StorageOp> ops, RestoreMark restore,
		LogAuth.Tag tag) {

	LogEntry {
		ops = List.copyOf(ops);
		if (restore != null && (!ops.isEmpty() || previous != null)) {
			throw new IllegalArgumentException("a restore entry carries no operations and starts no epoch");
		}
	}

	LogEntry(Epoch epoch, long index, long fence, Epoch previous, List<StorageOp> ops) {
		this(epoch, index, fence, previous, ops, null, null);
	}

	LogEntry(Epoch epoch, long index, long fence, Epoch previous, List<StorageOp> ops, LogAuth.Tag tag) {
		this(epoch, index, fence, previous, ops, null, tag);
	}

	/** A restore entry: replaces the whole state with the staged {@code restore}. */
	static LogEntry restore(Epoch epoch, long index, long fence, RestoreMark restore) {
		return new LogEntry(epoch, index, fence, null, List.of(), restore, null);
	}

	/** This entry tagged with {@code auth}'s key (unchanged when the node has none). */
	LogEntry signed(LogAuth auth) {
		return new LogEntry(this.epoch, this.index, this.fence, this.previous, this.ops, this.restore,
				auth.sign(LogCodec.body(this)));
	}

	boolean changesData() {
		return !this.ops.isEmpty() || this.restore != null;
	}

	boolean isRestore() {
		return this.restore != null;
	}

	static LogEntry genesis(Epoch epoch, Position from) {
		return new LogEntry(epoch, from.index() + 1, 0, from.epoch(), List.of());
	}

	boolean isGenesis() {
		return this.previous != null;
	}

	Position position() {
		return new Position(this.epoch, this.index);
	}

	/** Whether a replica at {@code applied} can apply this entry next. */
	boolean follows(Position applied) {
		if (this.index != applied.index() + 1) {
			return false;
		}
		return isGenesis() ? this.previous.equals(applied.epoch()) : this.epoch.equals(applied.epoch());
	}

	@Override
	public String toString() {
		return "LogEntry[" + position() + ", fence=" + this.fence + ", ops=" + this.ops.size() + ", "
				+ ((this.restore != null) ? this.restore + ", " : "")
				+ ((this.tag != null) ? this.tag : "unauthenticated") + "]";
	}

}
