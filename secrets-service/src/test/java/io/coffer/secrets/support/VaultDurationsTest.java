package io.coffer.secrets.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultDurationsTest {

	@Test
	void lastContactIsGoDurationTextToTheMillisecond() {
		assertThat(VaultDurations.formatMillis(Duration.ZERO)).isEqualTo("0s");
		assertThat(VaultDurations.formatMillis(Duration.ofNanos(523_400_000))).isEqualTo("523ms");
		assertThat(VaultDurations.formatMillis(Duration.ofMillis(1204))).isEqualTo("1.204s");
		assertThat(VaultDurations.formatMillis(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(VaultDurations.formatMillis(Duration.ofSeconds(75))).isEqualTo("1m15s");
	}

}
