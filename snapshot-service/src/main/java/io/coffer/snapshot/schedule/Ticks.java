package io.coffer.snapshot.schedule;

import java.time.Instant;

/**
 * A configuration's schedule as numbered ticks: tick {@code n} starts at {@code n ×
 * interval} seconds after the epoch. Every instance numbers the ticks alike without
 * talking to the others, so claiming "tick n" on the active node (check-and-set) is
 * enough for exactly one snapshot per interval.
 */
public final class Ticks {

	private Ticks() {
	}

	/** The tick {@code now} falls in. */
	public static long current(Instant now, long intervalSeconds) {
		return Math.floorDiv(now.getEpochSecond(), intervalSeconds);
	}

	/** When tick {@code tick} starts. */
	public static Instant start(long tick, long intervalSeconds) {
		return Instant.ofEpochSecond(tick * intervalSeconds);
	}

	/**
	 * When the next snapshot is due: the tick after the claimed one, or the current tick
	 * when it has not been claimed yet (taken at the scheduler's next check).
	 */
	public static Instant next(long claimedTick, Instant now, long intervalSeconds) {
		long current = current(now, intervalSeconds);
		return (claimedTick >= current) ? start(claimedTick + 1, intervalSeconds) : start(current, intervalSeconds);
	}

}
