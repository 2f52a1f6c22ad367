package io.coffer.support.identity;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import io.coffer.common.identity.InternalIdentity;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentityVerifierTest {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final Duration SKEW = Duration.ofSeconds(5);

	@TempDir
	static Path dir;

	static KeyPair gateway;

	static KeyPair other;

	static JwtDecoder decoder;

	@BeforeAll
	static void keys() {
		gateway = IdentityKeyFiles.generate(dir.resolve("gateway.pem"), new SecureRandom());
		other = IdentityKeyFiles.generate(dir.resolve("other.pem"), new SecureRandom());
		decoder = IdentityVerifier.decoder(
				List.of(new TrustedCaller(InternalIdentity.GATEWAY, List.of((ECPublicKey) gateway.getPublic()))), CLOCK,
				SKEW);
	}

	@Test
	void anIdentityFromTheSignerIsAccepted() {
		String token = new IdentitySigner(gateway, CLOCK, InternalIdentity.GATEWAY)
			.sign("0b7f0c1e-1111-4222-8333-444455556666");

		Jwt jwt = decoder.decode(token);

		assertThat(jwt.getId()).isEqualTo("0b7f0c1e-1111-4222-8333-444455556666");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("coffer-gateway");
		assertThat(jwt.getAudience()).containsExactly("coffer-secrets");
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(30));
		assertThat(jwt.getHeaders()).containsEntry("kid", IdentityKeyFiles.keyId(gateway.getPublic()))
			.containsEntry("alg", "ES256");
	}

	@Test
	void theClientAddressTravelsAsAClaimAndMustBeAnIpLiteral() throws Exception {
		Jwt jwt = decoder.decode(new IdentitySigner(gateway, CLOCK, InternalIdentity.GATEWAY).sign("id", "127.0.0.2"));
		assertThat(jwt.getClaimAsString(InternalIdentity.CLIENT_ADDRESS_CLAIM)).isEqualTo("127.0.0.2");
		assertThat(decoder.decode(new IdentitySigner(gateway, CLOCK, InternalIdentity.GATEWAY).sign("id")).getClaims())
			.doesNotContainKey(InternalIdentity.CLIENT_ADDRESS_CLAIM);

		String kid = IdentityKeyFiles.keyId(gateway.getPublic());
		assertRefused(
				sign(gateway, kid, (claims) -> claims.claim(InternalIdentity.CLIENT_ADDRESS_CLAIM, "host.example")));
		assertRefused(sign(gateway, kid, (claims) -> claims.claim(InternalIdentity.CLIENT_ADDRESS_CLAIM, 7)));
	}

	@Test
	void anExpiredIdentityIsRefused() {
		Clock earlier = Clock.fixed(NOW.minusSeconds(40), ZoneOffset.UTC);

		assertRefused(new IdentitySigner(gateway, earlier, InternalIdentity.GATEWAY).sign("id"));
	}

	@Test
	void anIdentityExpiredLessThanTheSkewAgoIsStillAccepted() {
		Clock earlier = Clock.fixed(NOW.minusSeconds(33), ZoneOffset.UTC);

		assertThat(decoder.decode(new IdentitySigner(gateway, earlier, InternalIdentity.GATEWAY).sign("id")).getId())
			.isEqualTo("id");
	}

	@Test
	void anIdentityIssuedInTheFutureIsRefused() {
		Clock later = Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC);

		assertRefused(new IdentitySigner(gateway, later, InternalIdentity.GATEWAY).sign("id"));
	}

	@Test
	void anIdentitySignedByAnotherKeyIsRefused() {
		assertRefused(new IdentitySigner(other, CLOCK, InternalIdentity.GATEWAY).sign("id"));
	}

	@Test
	void anotherKeySignedUnderTheGatewaysKeyIdIsRefused() throws Exception {
		assertRefused(sign(other, IdentityKeyFiles.keyId(gateway.getPublic()), UnaryOperator.identity()));
	}

	@Test
	void wrongAudienceIssuerOrMissingClaimsAreRefused() throws Exception {
		String kid = IdentityKeyFiles.keyId(gateway.getPublic());
		assertRefused(sign(gateway, kid, (claims) -> claims.audience("coffer-lease")));
		assertRefused(sign(gateway, kid, (claims) -> claims.issuer("someone-else")));
		assertRefused(sign(gateway, kid, (claims) -> claims.jwtID(null)));
		assertRefused(sign(gateway, kid, (claims) -> claims.issueTime(null)));
		assertRefused(sign(gateway, kid, (claims) -> claims.expirationTime(null)));
	}

	@Test
	void aLongLivedIdentityIsRefusedEvenWhenCurrentlyValid() throws Exception {
		String kid = IdentityKeyFiles.keyId(gateway.getPublic());

		assertRefused(sign(gateway, kid, (claims) -> claims.expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))));
	}

	@Test
	void unsignedAndSymmetricallySignedTokensAreRefused() throws Exception {
		JWTClaimsSet claims = validClaims().build();
		assertRefused(new PlainJWT(claims).serialize());
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		hmac.sign(new MACSigner(gateway.getPublic().getEncoded()));
		assertRefused(hmac.serialize());
		assertRefused("not.a.jwt");
	}

	@Test
	void duringRotationBothKeysAreAcceptedAndPickedByKeyId() {
		JwtDecoder rotating = IdentityVerifier.decoder(List.of(new TrustedCaller(InternalIdentity.GATEWAY,
				List.of((ECPublicKey) gateway.getPublic(), (ECPublicKey) other.getPublic()))), CLOCK, SKEW);

		assertThat(rotating.decode(new IdentitySigner(gateway, CLOCK, InternalIdentity.GATEWAY).sign("a")).getId())
			.isEqualTo("a");
		assertThat(rotating.decode(new IdentitySigner(other, CLOCK, InternalIdentity.GATEWAY).sign("b")).getId())
			.isEqualTo("b");
	}

	@Test
	void eachCallerIsKnownByItsIssuerAndVerifiedWithItsOwnKeysOnly() {
		JwtDecoder twoCallers = IdentityVerifier
			.decoder(List.of(new TrustedCaller(InternalIdentity.GATEWAY, List.of((ECPublicKey) gateway.getPublic())),
					new TrustedCaller("lease-service", List.of((ECPublicKey) other.getPublic()))), CLOCK, SKEW);

		Jwt lease = twoCallers.decode(new IdentitySigner(other, CLOCK, "lease-service").sign("l"));
		assertThat(lease.getClaimAsString("iss")).isEqualTo("coffer-lease-service");
		assertThat(IdentityVerifier.caller(lease)).isEqualTo("lease-service");
		assertThat(IdentityVerifier.caller(twoCallers.decode(new IdentitySigner(gateway, CLOCK, "gateway").sign("g"))))
			.isEqualTo("gateway");
		// A listed caller cannot speak for another: its key is not the other's.
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> twoCallers.decode(new IdentitySigner(other, CLOCK, "gateway").sign("forged")));
		// A caller the service does not list is refused, whatever key it signs with.
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> twoCallers.decode(new IdentitySigner(gateway, CLOCK, "audit-service").sign("a")));
	}

	@Test
	void aServiceAcceptsOnlyIdentitiesAddressedToIt() throws Exception {
		JwtDecoder lease = IdentityVerifier.decoder(
				List.of(new TrustedCaller(InternalIdentity.GATEWAY, List.of((ECPublicKey) gateway.getPublic()))),
				"coffer-lease", CLOCK, SKEW);
		String kid = IdentityKeyFiles.keyId(gateway.getPublic());

		assertThat(lease.decode(sign(gateway, kid, (claims) -> claims.audience("coffer-lease"))).getId())
			.isEqualTo("id");
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> lease.decode(new IdentitySigner(gateway, CLOCK, InternalIdentity.GATEWAY).sign("s")));
	}

	private static void assertRefused(String token) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
	}

	private static JWTClaimsSet.Builder validClaims() {
		return new JWTClaimsSet.Builder().issuer(InternalIdentity.GATEWAY_ISSUER)
			.audience(InternalIdentity.AUDIENCE)
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(30)))
			.jwtID("id");
	}

	private static String sign(KeyPair keys, String kid, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
				change.apply(validClaims()).build());
		jwt.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
		return jwt.serialize();
	}

}
