package io.coffer.secrets.audit.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.coffer.secrets.audit.journal.StepDownPolicy.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a node with a refusing journal gives up the active role and when it contends
 * again.
 */
class StepDownPolicyTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final StepDownPolicy policy = new StepDownPolicy(Duration.ofSeconds(10));

	@Test
	void anActiveNodeStepsDownOnlyOnceAppendsWereRefusedForTheWholeDelay() {
		assertThat(this.policy.decide(Optional.of(T0), false, true, false, T0.plusSeconds(9))).isEqualTo(Action.NONE);
		assertThat(this.policy.decide(Optional.of(T0), false, true, false, T0.plusSeconds(10)))
			.isEqualTo(Action.STEP_DOWN);
	}

	@Test
	void aStandbyOrAHealthyJournalNeverStepsDown() {
		assertThat(this.policy.decide(Optional.of(T0), false, false, false, T0.plusSeconds(60))).isEqualTo(Action.NONE);
		assertThat(this.policy.decide(Optional.empty(), true, true, false, T0.plusSeconds(60))).isEqualTo(Action.NONE);
		// unwritable but nothing refused (no device enabled, no append): no reason to
		// leave
		assertThat(this.policy.decide(Optional.empty(), false, true, false, T0.plusSeconds(60))).isEqualTo(Action.NONE);
	}

	@Test
	void aSteppedDownNodeStaysOutWhileTheJournalRefusesAndLeavesAgainIfPutBack() {
		this.policy.decide(Optional.of(T0), false, true, false, T0.plusSeconds(10));

		assertThat(this.policy.decide(Optional.of(T0), false, false, false, T0.plusSeconds(11))).isEqualTo(Action.NONE);
		// an unseal or the end of a sys/step-down hold made it active again
		assertThat(this.policy.decide(Optional.of(T0), false, true, false, T0.plusSeconds(12)))
			.isEqualTo(Action.STEP_DOWN);
		assertThat(this.policy.heldOut()).isTrue();
	}

	@Test
	void itRejoinsOnceTheJournalAcceptsAppendsUnlessSealed() {
		this.policy.decide(Optional.of(T0), false, true, false, T0.plusSeconds(10));

		assertThat(this.policy.decide(Optional.empty(), true, false, false, T0.plusSeconds(20)))
			.isEqualTo(Action.REJOIN);
		assertThat(this.policy.heldOut()).isFalse();

		StepDownPolicy sealed = new StepDownPolicy(Duration.ZERO);
		sealed.decide(Optional.of(T0), false, true, false, T0);
		assertThat(sealed.decide(Optional.empty(), true, false, true, T0.plusSeconds(1))).isEqualTo(Action.NONE);
	}

}
