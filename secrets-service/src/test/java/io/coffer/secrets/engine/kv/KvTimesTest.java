package io.coffer.secrets.engine.kv;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvTimesTest {

	@Test
	void formatsLikeGoRfc3339Nano() {
		assertThat(KvTimes.format(Instant.parse("2026-11-28T01:02:03.123456789Z")))
			.isEqualTo("2026-11-28T01:02:03.123456789Z");
		assertThat(KvTimes.format(Instant.parse("2026-11-28T01:02:03.120Z"))).isEqualTo("2026-11-28T01:02:03.12Z");
		assertThat(KvTimes.format(Instant.parse("2026-11-28T01:02:03Z"))).isEqualTo("2026-11-28T01:02:03Z");
		assertThat(KvTimes.format(null)).isEmpty();
	}

}
