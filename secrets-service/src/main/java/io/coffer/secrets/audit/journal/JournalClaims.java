package io.coffer.secrets.audit.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.coffer.common.audit.JournalClaim;

/**
 * Which audit-service instance delivers this node's journal: one holder at a time, for a
 * TTL it renews. Kept in memory only: after a node restart the first instance to ask gets
 * it, which is safe because positions live in the journal and only ever move forward.
 */
final class JournalClaims {

	/** A claim lasts at most this long without renewal, whatever the asker wants. */
	static final Duration MAX_TTL = Duration.ofMinutes(5);

	private final Clock clock;

	private String holder;

	private Instant expires = Instant.MIN;

	JournalClaims(Clock clock) {
		this.clock = clock;
	}

	synchronized JournalClaim claim(JournalClaim ask) {
		Instant now = this.clock.instant();
		boolean free = this.holder == null || !now.isBefore(this.expires);
		if (free || this.holder.equals(ask.instance())) {
			long ttl = Math.clamp(ask.ttlMillis(), 1, MAX_TTL.toMillis());
			this.holder = ask.instance();
			this.expires = now.plusMillis(ttl);
			return new JournalClaim(ask.instance(), ttl, this.holder, true);
		}
		return new JournalClaim(ask.instance(), ask.ttlMillis(), this.holder, false);
	}

	synchronized boolean holds(String instance) {
		return instance != null && instance.equals(this.holder) && this.clock.instant().isBefore(this.expires);
	}

}
