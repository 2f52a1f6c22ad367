package io.coffer.testsupport.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand, so that time-based rules (TTLs, expiry, caches,
 * rotation) are tested without waiting. Always UTC; safe to read from other threads.
 */
public final class TestClock extends Clock {

	private volatile Instant now;

	public TestClock(Instant start) {
		this.now = start;
	}

	/** A clock standing at an arbitrary but fixed instant (2026-01-01T00:00:00Z). */
	public static TestClock standingStill() {
		return new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
