package io.coffer.secrets.audit.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a node whose journal refuses appends gives up the active role, and when it may
 * contend again: an active node steps down once appends have been refused for
 * {@code stepDownAfter} (a healthy standby can then serve, audited), and stays out of the
 * election until its journal accepts appends again; if anything else puts it back in (an
 * unseal, the end of a {@code sys/step-down} hold), it steps down again.
 */
final class StepDownPolicy {

	enum Action {

		NONE, STEP_DOWN, REJOIN

	}

	private final Duration stepDownAfter;

	private boolean heldOut;

	StepDownPolicy(Duration stepDownAfter) {
		this.stepDownAfter = stepDownAfter;
	}

	/**
	 * @param refusingSince since when appends have been refused (empty: they are not)
	 * @param writable whether the journal accepts appends now
	 * @param active whether this node is active
	 * @param sealed whether this node is sealed (a sealed node never rejoins)
	 * @param now the time
	 */
	Action decide(Optional<Instant> refusingSince, boolean writable, boolean active, boolean sealed, Instant now) {
		boolean refusing = refusingSince.isPresent() || !writable;
		if (this.heldOut) {
			if (refusing) {
				return active ? Action.STEP_DOWN : Action.NONE;
			}
			this.heldOut = false;
			return sealed ? Action.NONE : Action.REJOIN;
		}
		if (active && refusingSince.isPresent() && !now.isBefore(refusingSince.get().plus(this.stepDownAfter))) {
			this.heldOut = true;
			return Action.STEP_DOWN;
		}
		return Action.NONE;
	}

	boolean heldOut() {
		return this.heldOut;
	}

}
