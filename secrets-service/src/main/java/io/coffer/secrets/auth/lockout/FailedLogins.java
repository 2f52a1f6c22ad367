package io.coffer.secrets.auth.lockout;

/**
 * One user's failed logins on one mount, as stored.
 *
 * @param count failures counted so far
 * @param lastFailure time of the last failure, unix seconds
 * @param locked whether the count reached the threshold at {@code lastFailure}
 */
record FailedLogins(long count, long lastFailure, boolean locked) {

	/** This record after one more failure at {@code now}. */
	FailedLogins failedAgain(long now, LockoutConfig config) {
		long next = (now - this.lastFailure > config.counterReset()) ? 1 : this.count + 1;
		return new FailedLogins(next, now, next >= config.threshold());
	}

	boolean lockedAt(long now, LockoutConfig config) {
		return this.locked && now - this.lastFailure < config.duration();
	}

}
