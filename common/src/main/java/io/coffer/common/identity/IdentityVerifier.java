package io.coffer.common.identity;

import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import io.coffer.common.net.IpAddresses;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the {@link JwtDecoder} every service uses to check an internal identity: ES256
 * only, signed by one of the configured public keys (picked by {@code kid}; several keys
 * while a key is rotated), {@code iss=coffer-gateway}, {@code aud=coffer-secrets}, a
 * {@code jti}, and a lifetime of at most {@link InternalIdentity#LIFETIME} that covers
 * now, give or take the clock skew. Identities that verified are remembered until they
 * expire ({@link VerifiedIdentityCache}).
 */
public final class IdentityVerifier {

	private IdentityVerifier() {
	}

	public static JwtDecoder decoder(List<ECPublicKey> keys, Clock clock, Duration clockSkew) {
		return new VerifiedIdentityCache(verifier(keys, clock, clockSkew), clock, clockSkew);
	}

	/** The checks themselves, without the cache: one ECDSA verification per call. */
	static JwtDecoder verifier(List<ECPublicKey> keys, Clock clock, Duration clockSkew) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("at least one identity verification key is needed");
		}
		List<JWK> jwks = new ArrayList<>();
		for (ECPublicKey key : keys) {
			jwks.add(new ECKey.Builder(Curve.P_256, key).keyID(IdentityKeyFiles.keyId(key))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build());
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(jwks))));
		// Claims are checked below with the injected clock, not Nimbus's own 60 s skew.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setClock(clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
				new JwtIssuerValidator(InternalIdentity.ISSUER), new JwtAudienceValidator(InternalIdentity.AUDIENCE),
				new ShortLived(clock, clockSkew), new ClientAddressClaim())));
		return decoder;
	}

	/**
	 * A client address, when present, must be an IP literal: nodes compare it with CIDR
	 * blocks and must never be handed a host name to resolve.
	 */
	private record ClientAddressClaim() implements OAuth2TokenValidator<Jwt> {

		private static final OAuth2Error INVALID = new OAuth2Error("invalid_token",
				"the internal identity's client address is not an IP address", null);

		@Override
		public OAuth2TokenValidatorResult validate(Jwt jwt) {
			Object address = jwt.getClaims().get(InternalIdentity.CLIENT_ADDRESS_CLAIM);
			boolean valid = address == null || (address instanceof String text && IpAddresses.isLiteral(text));
			return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(INVALID);
		}

	}

	/**
	 * Requires {@code iat} and {@code jti}, {@code iat} not in the future and
	 * {@code exp - iat} within the lifetime: a stolen identity is useful for seconds
	 * only, whatever expiry its signer chose.
	 */
	private record ShortLived(Clock clock, Duration skew) implements OAuth2TokenValidator<Jwt> {

		private static final OAuth2Error INVALID = new OAuth2Error("invalid_token",
				"the internal identity is not a short-lived one", null);

		@Override
		public OAuth2TokenValidatorResult validate(Jwt jwt) {
			Instant issued = jwt.getIssuedAt();
			Instant expires = jwt.getExpiresAt();
			String id = jwt.getId();
			boolean valid = issued != null && expires != null && id != null && !id.isBlank()
					&& !issued.isAfter(this.clock.instant().plus(this.skew))
					&& !expires.isAfter(issued.plus(InternalIdentity.LIFETIME));
			return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(INVALID);
		}

	}

}
