package io.coffer.bench.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.coffer.bench.load.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditLagProbeTest {

	@TempDir
	Path dir;

	@Test
	void theLagIsTheAgeOfTheNewestCompleteLine() throws Exception {
		Path file = this.dir.resolve("audit.log");
		Instant old = Instant.now().minusSeconds(60);
		Instant recent = Instant.now().minusSeconds(2);
		Files.writeString(file,
				"{\"type\":\"request\",\"time\":\"" + old + "\"}\n" + "prefix {\"type\":\"response\",\"time\":\""
						+ recent + "\"}\n" + "{\"type\":\"request\",\"time\":\"" + old);

		try (AuditLagProbe probe = AuditLagProbe.start(file, Duration.ofMillis(20))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> probe.stats().count() >= 3);
			Stats lag = probe.stats();
			assertThat(lag.kind()).isEqualTo("delivery-lag");
			assertThat(lag.p50()).isBetween(2000.0, 30_000.0);
		}
	}

	@Test
	void noFileMeansNoSample() {
		try (AuditLagProbe probe = AuditLagProbe.start(this.dir.resolve("none.log"), Duration.ofMillis(10))) {
			assertThat(probe.stats().count()).isZero();
			assertThat(probe.stats().firstError()).contains("none.log");
		}
	}

}
