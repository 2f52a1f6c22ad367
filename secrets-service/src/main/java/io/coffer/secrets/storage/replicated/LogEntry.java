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
 * @param tag the writer's HMAC over all of the above ({@link LogAuth}); null when written
 * without the log key (before {@code sys/init} created it)
 */
record LogEntry(Epoch epoch, long index, long fence, Epoch previous, List<StorageOp> ops, LogAuth.Tag tag) {

	LogEntry {
		ops = List.copyOf(ops);
	}

	LogEntry(Epoch epoch, long index, long fence, Epoch previous, List<StorageOp> ops) {
		this(epoch, index, fence, previous, ops, null);
	}

	/** This entry tagged with {@code auth}'s key (unchanged when the node has none). */
	LogEntry signed(LogAuth auth) {
		return new LogEntry(this.epoch, this.index, this.fence, this.previous, this.ops,
				auth.sign(LogCodec.body(this)));
	}

	boolean changesData() {
		return !this.ops.isEmpty();
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
				+ ((this.tag != null) ? this.tag : "unauthenticated") + "]";
	}

}
