package io.coffer.testsupport.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestClockTest {

	@Test
	void standsStillUntilMovedByHand() {
		TestClock clock = TestClock.standingStill();
		Instant start = clock.instant();

		assertThat(clock.instant()).isEqualTo(start);
		clock.advance(Duration.ofMinutes(5));
		assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));
		clock.set(Instant.EPOCH);
		assertThat(clock.millis()).isZero();
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
	}

}
