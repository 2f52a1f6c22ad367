package io.coffer.secrets.storage.replicated;

import java.time.Instant;

/**
 * This node's current period as the active node: the epoch it writes in, its fencing
 * token and the last index it appended. Only the committer thread advances
 * {@code lastIndex}.
 */
final class ActiveTerm {

	private final Epoch epoch;

	private final long fence;

	private final Instant since;

	private volatile long lastIndex;

	ActiveTerm(Epoch epoch, long fence, long lastIndex, Instant since) {
		this.epoch = epoch;
		this.fence = fence;
		this.lastIndex = lastIndex;
		this.since = since;
	}

	Epoch epoch() {
		return this.epoch;
	}

	long fence() {
		return this.fence;
	}

	Instant since() {
		return this.since;
	}

	long lastIndex() {
		return this.lastIndex;
	}

	void appended(long index) {
		this.lastIndex = index;
	}

}
