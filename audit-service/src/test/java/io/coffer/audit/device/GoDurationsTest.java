package io.coffer.audit.device;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoDurationsTest {

	private static final Duration FALLBACK = Duration.ofSeconds(7);

	@Test
	void readsBareSecondsAndGoDurations() {
		assertThat(GoDurations.option("write_timeout", "3", FALLBACK)).isEqualTo(Duration.ofSeconds(3));
		assertThat(GoDurations.option("write_timeout", "500ms", FALLBACK)).isEqualTo(Duration.ofMillis(500));
		assertThat(GoDurations.option("write_timeout", "1m30s", FALLBACK)).isEqualTo(Duration.ofSeconds(90));
		assertThat(GoDurations.option("write_timeout", "1.5h", FALLBACK)).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.option("write_timeout", " 2s ", FALLBACK)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void absentOrEmptyIsTheFallback() {
		assertThat(GoDurations.option("write_timeout", null, FALLBACK)).isEqualTo(FALLBACK);
		assertThat(GoDurations.option("write_timeout", " ", FALLBACK)).isEqualTo(FALLBACK);
	}

	@Test
	void refusesWhatGoWouldRefuseAndZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.option("write_timeout", "soon", FALLBACK))
			.withMessage("unable to parse 'write_timeout': time: invalid duration \"soon\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.option("write_timeout", "2s3", FALLBACK))
			.withMessageContaining("invalid duration");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.option("write_timeout", "-2s", FALLBACK))
			.withMessageContaining("invalid duration");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.option("write_timeout", "0s", FALLBACK))
			.withMessage("'write_timeout' must be greater than zero");
	}

}
