package io.coffer.secrets.auth.jwt;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.util.DateUtils;

import io.coffer.secrets.kernel.VaultException;

/**
 * Checks a login's JWT for a role, in Vault's order: signature (Nimbus's JWT processor
 * with the mount's keys and algorithms), time claims with the role's leeways, issuer,
 * subject, audience, then {@code bound_claims}. Every refusal is a 400 with Vault's
 * message; no message carries any part of the JWT.
 */
final class JwtValidator {

	static final long DEFAULT_CLOCK_SKEW = 60;

	static final long DEFAULT_CLAIM_LEEWAY = 150;

	private static final String INVALID = "error validating token: ";

	private final Clock clock;

	JwtValidator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return the JWT's verified claims
	 * @throws VaultException 400 when the JWT does not let {@code role} log in
	 */
	Claims validate(String token, JwtConfig config, JwtRole role, JwtKeys keys) {
		JWTClaimsSet claims = verifySignature(token, keys);
		Date now = Date.from(this.clock.instant());
		checkTimes(claims, role, now);
		List<String> audiences = claims.getAudience();
		if (!audiences.isEmpty() && role.boundAudiences().isEmpty()) {
			throw VaultException.badRequest("audience claim found in JWT but no audiences bound to the role");
		}
		String issuer = claims.getIssuer();
		boolean discoveredIssuerDiffers = keys.issuer().isPresent() && !keys.issuer().get().equals(issuer);
		if (discoveredIssuerDiffers || !config.boundIssuer().isEmpty() && !config.boundIssuer().equals(issuer)) {
			throw VaultException.badRequest(INVALID + "invalid issuer (iss) claim");
		}
		if (!role.boundSubject().isEmpty() && !role.boundSubject().equals(claims.getSubject())) {
			throw VaultException.badRequest(INVALID + "invalid subject (sub) claim");
		}
		if (!role.boundAudiences().isEmpty() && role.boundAudiences().stream().noneMatch(audiences::contains)) {
			throw VaultException.badRequest(INVALID + "invalid audience (aud) claim");
		}
		Claims all = new Claims(claims.toJSONObject());
		all.unmatchedBoundClaim(role.boundClaims(), JwtRole.GLOB.equals(role.boundClaimsType())).ifPresent((error) -> {
			throw VaultException.badRequest("error validating claims: " + error);
		});
		return all;
	}

	private static JWTClaimsSet verifySignature(String token, JwtKeys keys) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw VaultException.badRequest(INVALID + "malformed JWT");
		}
		if (!(jwt instanceof SignedJWT signed) || !keys.algorithms().contains(signed.getHeader().getAlgorithm())) {
			throw VaultException.badRequest(INVALID + "token signed with an unsupported algorithm");
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(keys.selector());
		// Vault checks no "typ"; the claims are checked below with the role's leeways.
		processor.setJWSTypeVerifier((type, context) -> {
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		try {
			return processor.process(signed, null);
		}
		catch (KeySourceException ex) {
			throw VaultException.badRequest("error fetching jwks keyset: the key set could not be retrieved");
		}
		catch (BadJOSEException | JOSEException ex) {
			throw VaultException.badRequest(INVALID + "failed to verify signature");
		}
	}

	/**
	 * Vault's time rules: at least one of {@code exp}, {@code nbf}, {@code iat}; a
	 * missing {@code exp} is the later of {@code iat} and {@code nbf} plus the expiration
	 * leeway; a missing {@code nbf} is {@code iat}, or {@code exp} minus the not-before
	 * leeway.
	 */
	private static void checkTimes(JWTClaimsSet claims, JwtRole role, Date now) {
		Date issued = claims.getIssueTime();
		Date expires = claims.getExpirationTime();
		Date notBefore = claims.getNotBeforeTime();
		if (issued == null && expires == null && notBefore == null) {
			throw VaultException.badRequest("no issue time, notbefore, or expiration time encoded in token");
		}
		long skew = leeway(role.clockSkewLeeway(), DEFAULT_CLOCK_SKEW);
		long expirationLeeway = leeway(role.expirationLeeway(), DEFAULT_CLAIM_LEEWAY);
		long notBeforeLeeway = leeway(role.notBeforeLeeway(), DEFAULT_CLAIM_LEEWAY);
		if (expires == null) {
			Date start = (notBefore != null && (issued == null || notBefore.after(issued))) ? notBefore : issued;
			expires = new Date(start.getTime() + expirationLeeway * 1000);
			expirationLeeway = 0;
		}
		if (notBefore == null) {
			notBefore = (issued != null) ? issued : new Date(expires.getTime() - notBeforeLeeway * 1000);
			notBeforeLeeway = 0;
		}
		if (!DateUtils.isAfter(expires, now, skew + expirationLeeway)) {
			throw VaultException.badRequest(INVALID + "token is expired (exp)");
		}
		if (!DateUtils.isBefore(notBefore, now, skew + notBeforeLeeway) && !notBefore.equals(now)) {
			throw VaultException.badRequest(INVALID + "token not valid yet (nbf)");
		}
		if (issued != null && issued.getTime() - skew * 1000 > now.getTime()) {
			throw VaultException.badRequest(INVALID + "token issued in the future (iat)");
		}
	}

	/** 0 = the default, below 0 = none (Vault's rule for the three leeways). */
	private static long leeway(long configured, long fallback) {
		if (configured < 0) {
			return 0;
		}
		return (configured == 0) ? fallback : configured;
	}

}
