package io.coffer.gateway.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.identity.IdentityKeyFiles;
import io.coffer.common.identity.IdentitySigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SharedIdentityTest {

	@TempDir
	Path dir;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T06:00:00Z"));

	private final AtomicInteger ids = new AtomicInteger();

	private SharedIdentity identity;

	@BeforeEach
	void signer() {
		IdentitySigner signer = new IdentitySigner(
				IdentityKeyFiles.generate(this.dir.resolve("key.pem"), new SecureRandom()), this.clock);
		this.identity = new SharedIdentity(signer, this.clock, () -> "identity-" + this.ids.incrementAndGet());
	}

	@Test
	void callsWithinTheReuseWindowGetTheSameIdentity() {
		String first = this.identity.token();
		this.clock.advance(SharedIdentity.REUSE.minusMillis(1));

		assertThat(this.identity.token()).isEqualTo(first);
		assertThat(this.ids).hasValue(1);
	}

	@Test
	void anIdentityIsSignedAnewOnceTheWindowHasPassed() throws Exception {
		String first = this.identity.token();
		this.clock.advance(SharedIdentity.REUSE);

		String second = this.identity.token();

		assertThat(second).isNotEqualTo(first);
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()).isEqualTo("identity-2");
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getIssueTime().toInstant())
			.isEqualTo(this.clock.instant());
	}

	@Test
	void aClockThatWentBackSignsAnewRatherThanSendAnIdentityFromTheFuture() {
		String first = this.identity.token();
		this.clock.advance(Duration.ofSeconds(-5));

		assertThat(this.identity.token()).isNotEqualTo(first);
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
