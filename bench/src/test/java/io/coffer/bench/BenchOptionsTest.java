package io.coffer.bench;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

	@Test
	void defaultsRunEveryScenarioOfTheOpenBaoComparison() {
		BenchOptions options = BenchOptions.parse(new String[0], null);

		assertThat(options.address()).isEqualTo(URI.create("http://127.0.0.1:8200"));
		assertThat(options.rate()).isEqualTo(500);
		assertThat(options.mixDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.scenarios()).containsExactlyElementsOf(BenchOptions.ALL_SCENARIOS);
	}

	@Test
	void vaultAddrFromTheEnvironmentIsTheDefaultAddress() {
		assertThat(BenchOptions.parse(new String[0], "http://127.0.0.1:9200").address())
			.isEqualTo(URI.create("http://127.0.0.1:9200"));
	}

	@Test
	void durationsAndScenarioSubsetsAreParsed() {
		BenchOptions options = BenchOptions.parse(new String[] { "--mix-duration", "2m", "--warmup", "500ms",
				"--suite-warmup", "0s", "--scenarios", "kv-write, cp" }, null);

		assertThat(options.mixDuration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.suiteWarmup()).isZero();
		assertThat(options.scenarios()).containsExactly("kv-write", "cp");
		assertThat(BenchPlan.needsSuite(options)).isTrue();
	}

	@Test
	void limitsAloneNeedNoRunningSuite() {
		BenchOptions options = BenchOptions.parse(new String[] { "--scenarios", "cp,rocksdb" }, null);

		assertThat(BenchPlan.needsSuite(options)).isFalse();
	}

	@Test
	void unknownScenariosAndBadValuesAreRefused() {
		assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--scenarios", "kv-read,db-creds" }, null))
			.hasMessageContaining("db-creds");
		assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--mix-duration", "30" }, null))
			.hasMessageContaining("not a duration");
		assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--threads", "0" }, null))
			.hasMessageContaining("--threads must be positive");
		assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--rate" }, null))
			.hasMessageContaining("--rate needs a value");
	}

	@Test
	void auditedMixesRunOnlyWhenNamedAndKafkaNeedsItsServers() {
		assertThat(BenchOptions.parse(new String[0], null).runs("mix-audit-file")).isFalse();
		BenchOptions audited = BenchOptions
			.parse(new String[] { "--scenarios", "mix,mix-audit-file", "--audit-file", "/tmp/a.log" }, null);
		assertThat(audited.runs("mix-audit-file")).isTrue();
		assertThat(audited.auditFile()).hasToString("/tmp/a.log");
		assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--scenarios", "mix-audit-kafka" }, null))
			.hasMessageContaining("--kafka");
		assertThat(BenchOptions.parse(new String[] { "--scenarios", "mix-audit-kafka", "--kafka", "embedded" }, null)
			.kafka()).isEqualTo("embedded");
	}

}
