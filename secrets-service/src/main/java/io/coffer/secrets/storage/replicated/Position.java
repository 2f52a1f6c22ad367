package io.coffer.secrets.storage.replicated;

import java.io.Serializable;

/**
 * The last log entry a replica applied. Positions order by epoch ordinal first: a later
 * epoch always wins over a longer history of an older one.
 */
record Position(Epoch epoch, long index) implements Comparable<Position>, Serializable {

	static final Position EMPTY = new Position(Epoch.NONE, 0);

	@Override
	public int compareTo(Position other) {
		int byEpoch = Long.compare(this.epoch.ordinal(), other.epoch.ordinal());
		return (byEpoch != 0) ? byEpoch : Long.compare(this.index, other.index);
	}

	@Override
	public String toString() {
		return "(" + this.epoch + ", " + this.index + ")";
	}

}
