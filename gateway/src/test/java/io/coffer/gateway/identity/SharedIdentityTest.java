package io.coffer.gateway.identity;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SharedIdentityTest {

	@TempDir
	Path dir;

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T06:00:00Z"));

	private final InstantSource clock = this.now::get;

	private final AtomicInteger ids = new AtomicInteger();

	private SharedIdentity identity;

	@BeforeEach
	void signer() {
		IdentitySigner signer = new IdentitySigner(
				IdentityKeyFiles.generate(this.dir.resolve("key.pem"), new SecureRandom()), Clock.systemUTC(),
				InternalIdentity.GATEWAY);
		this.identity = new SharedIdentity(signer, this.clock, () -> "identity-" + this.ids.incrementAndGet());
	}

	@Test
	void callsWithinTheReuseWindowGetTheSameIdentity() {
		String first = this.identity.token();
		advance(SharedIdentity.REUSE.minusMillis(1));

		assertThat(this.identity.token()).isEqualTo(first);
		assertThat(this.ids).hasValue(1);
	}

	@Test
	void anIdentityIsSignedAnewOnceTheWindowHasPassed() throws Exception {
		String first = this.identity.token();
		advance(SharedIdentity.REUSE);

		String second = this.identity.token();

		assertThat(second).isNotEqualTo(first);
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()).isEqualTo("identity-2");
	}

	@Test
	void aClockThatWentBackSignsAnewRatherThanSendAnIdentityFromTheFuture() {
		String first = this.identity.token();
		advance(Duration.ofSeconds(-5));

		assertThat(this.identity.token()).isNotEqualTo(first);
	}

	@Test
	void eachClientAddressGetsItsOwnIdentityReusedWithinTheWindow() throws Exception {
		String two = this.identity.token("127.0.0.2");
		String three = this.identity.token("127.0.0.3");
		advance(SharedIdentity.REUSE.minusMillis(1));

		assertThat(this.identity.token("127.0.0.2")).isEqualTo(two);
		assertThat(this.identity.token("127.0.0.3")).isEqualTo(three);
		assertThat(three).isNotEqualTo(two);
		assertThat(this.ids).hasValue(2);
		assertThat(SignedJWT.parse(two).getJWTClaimsSet().getStringClaim("client_address")).isEqualTo("127.0.0.2");
		assertThat(SignedJWT.parse(this.identity.token()).getJWTClaimsSet().getClaims())
			.doesNotContainKey("client_address");
	}

	@Test
	void theNumberOfRememberedAddressesIsBounded() {
		for (int i = 0; i < SharedIdentity.MAX_ADDRESSES + 5; i++) {
			this.identity.token("10.0." + (i / 256) + "." + (i % 256));
		}

		assertThat(this.identity.remembered()).isLessThanOrEqualTo(SharedIdentity.MAX_ADDRESSES);
	}

	private void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

}
