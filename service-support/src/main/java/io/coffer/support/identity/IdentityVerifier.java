package io.coffer.support.identity;

import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.net.IpAddresses;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the {@link JwtDecoder} every service uses to check an internal identity: ES256
 * only, issued by one of the {@link TrustedCaller}s the service lists and signed by one
 * of that caller's public keys (picked by {@code kid}; several keys while a key is
 * rotated), the receiver's audience ({@code coffer-secrets} for the secrets nodes,
 * {@code coffer-<name>} for the other services), a {@code jti}, and a lifetime of at most
 * {@link InternalIdentity#LIFETIME} that covers now, give or take the clock skew.
 * Identities that verified are remembered until they expire
 * ({@link VerifiedIdentityCache}).
 */
public final class IdentityVerifier {

	private IdentityVerifier() {
	}

	/** The decoder of the secrets nodes ({@code aud=coffer-secrets}). */
	public static JwtDecoder decoder(List<TrustedCaller> callers, Clock clock, Duration clockSkew) {
		return decoder(callers, InternalIdentity.AUDIENCE, clock, clockSkew);
	}

	/** The decoder of a service whose identities are addressed to {@code audience}. */
	public static JwtDecoder decoder(List<TrustedCaller> callers, String audience, Clock clock, Duration clockSkew) {
		return new VerifiedIdentityCache(verifier(callers, audience, clock, clockSkew), clock, clockSkew);
	}

	/**
	 * The caller an identity that verified comes from: its issuer claim without the
	 * {@code coffer-} prefix ({@code gateway} for {@code coffer-gateway}).
	 */
	public static String caller(Jwt identity) {
		String issuer = identity.getClaimAsString("iss");
		String prefix = InternalIdentity.issuer("");
		if (issuer == null || !issuer.startsWith(prefix)) {
			throw new IllegalArgumentException("not an internal identity's issuer");
		}
		return issuer.substring(prefix.length());
	}

	/** The checks themselves, without the cache: one ECDSA verification per call. */
	static JwtDecoder verifier(List<TrustedCaller> callers, Clock clock, Duration clockSkew) {
		return verifier(callers, InternalIdentity.AUDIENCE, clock, clockSkew);
	}

	static JwtDecoder verifier(List<TrustedCaller> callers, String audience, Clock clock, Duration clockSkew) {
		if (callers.isEmpty()) {
			throw new IllegalArgumentException("at least one trusted caller is needed");
		}
		Map<String, JwtDecoder> byIssuer = new LinkedHashMap<>();
		for (TrustedCaller caller : callers) {
			String issuer = InternalIdentity.issuer(caller.name());
			if (byIssuer.put(issuer, verifier(caller.keys(), issuer, audience, clock, clockSkew)) != null) {
				throw new IllegalArgumentException("trusted caller '" + caller.name() + "' is listed twice");
			}
		}
		return new ByIssuer(Map.copyOf(byIssuer));
	}

	/** The checks of one caller's identities: its keys and its issuer only. */
	private static JwtDecoder verifier(List<ECPublicKey> keys, String issuer, String audience, Clock clock,
			Duration clockSkew) {
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
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(issuer),
				new JwtAudienceValidator(audience), new ShortLived(clock, clockSkew), new ClientAddressClaim())));
		return decoder;
	}

	/**
	 * Hands a token to the checks of the caller its (not yet verified) issuer claim
	 * names. Those checks hold only that caller's keys and require that issuer again
	 * after the signature verified, so a caller claiming another's name fails on the
	 * signature, and one not listed at all is refused before any cryptography.
	 */
	private record ByIssuer(Map<String, JwtDecoder> decoders) implements JwtDecoder {

		@Override
		public Jwt decode(String token) {
			String issuer;
			try {
				issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
			}
			catch (ParseException ex) {
				throw new BadJwtException("the internal identity is malformed");
			}
			JwtDecoder decoder = (issuer != null) ? this.decoders.get(issuer) : null;
			if (decoder == null) {
				throw new BadJwtException("the internal identity's issuer is not a caller this service accepts");
			}
			return decoder.decode(token);
		}

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
