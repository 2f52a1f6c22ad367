package io.coffer.secrets.support;

import java.math.BigInteger;
import java.time.Duration;

import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vault's duration and integer formats, read exactly. */
class VaultDurationsTest {

	@Test
	void readsSecondsDaysAndGoDurations() {
		assertThat(VaultDurations.parse(3600, "ttl")).isEqualTo(Duration.ofHours(1));
		assertThat(VaultDurations.parse("3600", "ttl")).isEqualTo(Duration.ofHours(1));
		assertThat(VaultDurations.parse(3600.0, "ttl")).isEqualTo(Duration.ofHours(1));
		assertThat(VaultDurations.parse("7d", "ttl")).isEqualTo(Duration.ofDays(7));
		assertThat(VaultDurations.parse("1h30m", "ttl")).isEqualTo(Duration.ofMinutes(90));
		assertThat(VaultDurations.parse("1.5h", "ttl")).isEqualTo(Duration.ofMinutes(90));
		assertThat(VaultDurations.parse(".5m", "ttl")).isEqualTo(Duration.ofSeconds(30));
		assertThat(VaultDurations.parse("300ms", "ttl")).isEqualTo(Duration.ofMillis(300));
		assertThat(VaultDurations.parse("1\u00b5s", "ttl")).isEqualTo(Duration.ofNanos(1000));
		assertThat(VaultDurations.parse("", "ttl")).isEqualTo(Duration.ZERO);
		assertThat(VaultDurations.parse("2562047h47m16.854775807s", "ttl")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(VaultDurations.parseSigned("-1h", "delete_version_after")).isEqualTo(Duration.ofHours(-1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2562048h", "2562047h47m16.854775808s", "9223372037", "99999999999999999999", "106751992d",
			"-1", "-1h", "1.5", "1d2h", "h", "1x", "abc", "1 h", "--1h" })
	void refusesWhatGoRefusesOrWhatWouldWrap(String text) {
		assertThatThrownBy(() -> VaultDurations.parse(text, "token_ttl")).isInstanceOf(VaultException.class)
			.hasMessageStartingWith("invalid value for field \"token_ttl\": ");
	}

	@Test
	void refusesNumbersThatAreNotWholeSecondsInRange() {
		for (Object value : new Object[] { 1.5, Double.NaN, Double.POSITIVE_INFINITY, -1,
				new BigInteger("99999999999999999999"), 9223372037L, true }) {
			assertThatThrownBy(() -> VaultDurations.parse(value, "period")).as(String.valueOf(value))
				.hasMessageStartingWith("invalid value for field \"period\": ");
		}
	}

	@Test
	void integersAreExactAndRangeChecked() {
		assertThat(VaultIntegers.parseInt("42", "num_uses", 0)).isEqualTo(42);
		assertThat(VaultIntegers.parseInt(7.0, "num_uses", 0)).isEqualTo(7);
		assertThat(VaultIntegers.parseInt(null, "num_uses", 3)).isEqualTo(3);
		assertThat(VaultIntegers.parse("1e3", "n", 0, 1000, 0)).isEqualTo(1000);
		for (Object value : new Object[] { 4294967296L, "4294967296", 2147483648L, "1e999999999", 1.5, "x",
				Double.NaN }) {
			assertThatThrownBy(() -> VaultIntegers.parseInt(value, "num_uses", 0)).as(String.valueOf(value))
				.hasMessageStartingWith("invalid value for field \"num_uses\": ");
		}
		assertThatThrownBy(() -> VaultIntegers.parse(-1, "num_uses", 0, 10, 0))
			.hasMessage("invalid value for field \"num_uses\": cannot be negative");
	}

	@Test
	void lastContactIsGoDurationTextToTheMillisecond() {
		assertThat(VaultDurations.formatMillis(Duration.ZERO)).isEqualTo("0s");
		assertThat(VaultDurations.formatMillis(Duration.ofNanos(523_400_000))).isEqualTo("523ms");
		assertThat(VaultDurations.formatMillis(Duration.ofMillis(1204))).isEqualTo("1.204s");
		assertThat(VaultDurations.formatMillis(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(VaultDurations.formatMillis(Duration.ofSeconds(75))).isEqualTo("1m15s");
	}

}
