package io.coffer.support.identity;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.identity.InternalIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedIdentityCacheTest {

	private static final Duration SKEW = Duration.ofSeconds(5);

	@TempDir
	Path dir;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T06:00:00Z"));

	private final AtomicInteger verifications = new AtomicInteger();

	private KeyPair gateway;

	private JwtDecoder cache;

	@BeforeEach
	void decoder() {
		this.gateway = IdentityKeyFiles.generate(this.dir.resolve("gateway.pem"), new SecureRandom());
		JwtDecoder verifier = IdentityVerifier.verifier(
				List.of(new TrustedCaller(InternalIdentity.GATEWAY, List.of((ECPublicKey) this.gateway.getPublic()))),
				this.clock, SKEW);
		this.cache = new VerifiedIdentityCache((token) -> {
			this.verifications.incrementAndGet();
			return verifier.decode(token);
		}, this.clock, SKEW);
	}

	@Test
	void anIdentityThatVerifiedIsNotVerifiedAgainWhileItLives() {
		String token = new IdentitySigner(this.gateway, this.clock, InternalIdentity.GATEWAY).sign("one");

		assertThat(this.cache.decode(token).getId()).isEqualTo("one");
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.cache.decode(token).getId()).isEqualTo("one");

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void anExpiredIdentityIsRefusedEvenThoughItVerifiedBefore() {
		String token = new IdentitySigner(this.gateway, this.clock, InternalIdentity.GATEWAY).sign("one");
		this.cache.decode(token);

		this.clock.advance(InternalIdentity.LIFETIME.plus(SKEW).plusSeconds(1));

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(token));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(token));
		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void aRefusedIdentityIsCheckedAndRefusedEveryTime() {
		KeyPair stranger = IdentityKeyFiles.generate(this.dir.resolve("stranger.pem"), new SecureRandom());
		String forged = new IdentitySigner(stranger, this.clock, InternalIdentity.GATEWAY).sign("forged");

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(forged));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(forged));

		assertThat(this.verifications).hasValue(2);
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
