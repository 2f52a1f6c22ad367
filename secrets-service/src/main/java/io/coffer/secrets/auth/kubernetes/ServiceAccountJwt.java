package io.coffer.secrets.auth.kubernetes;

import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.coffer.secrets.kernel.VaultException;

/**
 * The local checks of a login's service-account JWT, in Vault's order: a signed JWT with
 * an algorithm Kubernetes uses, its signature against {@code pem_keys} when configured (a
 * mismatch is a bare 403 {@code permission denied}), then {@code exp}/{@code nbf} when
 * present, the issuer when configured and the role's audience. Every other refusal is a
 * 403 with Vault's message; no message carries any part of the JWT.
 */
final class ServiceAccountJwt {

	/** What the Kubernetes API server signs with (Vault's {@code allowedSigningAlgs}). */
	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256,
			JWSAlgorithm.PS384, JWSAlgorithm.PS512);

	/** Clock skew allowed on {@code exp} and {@code nbf}, in seconds. */
	static final long LEEWAY = 60;

	private final Clock clock;

	ServiceAccountJwt(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return the service account the JWT names
	 * @throws VaultException 403 when the JWT may not log in
	 */
	ServiceAccount check(String token, KubernetesConfig config, KubernetesRole role) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw forbidden("malformed JWT: not a signed JWT in compact serialization");
		}
		if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
			throw forbidden("unexpected signature algorithm \"" + jwt.getHeader().getAlgorithm()
					+ "\"; expected one of the Kubernetes signing algorithms");
		}
		if (!config.pemKeys().isEmpty() && !verified(jwt, ServiceAccountKeys.parse(config.pemKeys()))) {
			throw VaultException.permissionDenied();
		}
		Date now = Date.from(this.clock.instant());
		Date expires = claims.getExpirationTime();
		if (expires != null && expires.getTime() + LEEWAY * 1000 < now.getTime()) {
			throw forbidden("invalid expiration time (exp) claim: token is expired");
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && notBefore.getTime() - LEEWAY * 1000 > now.getTime()) {
			throw forbidden("invalid not before (nbf) claim: token not yet valid");
		}
		String issuer = config.expectedIssuer();
		if (issuer != null && !issuer.equals(claims.getIssuer())) {
			throw forbidden("invalid issuer (iss) claim");
		}
		List<String> audiences = claims.getAudience();
		if (!role.audience().isEmpty() && !audiences.contains(role.audience())) {
			throw forbidden("invalid audience (aud) claim");
		}
		return ServiceAccount.of(claims.getClaims(), audiences);
	}

	private static boolean verified(SignedJWT jwt, List<PublicKey> keys) {
		JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
		for (PublicKey key : keys) {
			boolean fits = JWSAlgorithm.Family.RSA.contains(algorithm) ? key instanceof RSAPublicKey
					: key instanceof ECPublicKey;
			if (!fits) {
				continue;
			}
			try {
				JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), (Key) key);
				if (jwt.verify(verifier)) {
					return true;
				}
			}
			catch (JOSEException ex) {
				// this key cannot verify this JWT (e.g. another EC curve): try the next
				// one
			}
		}
		return false;
	}

	static VaultException forbidden(String message) {
		return new VaultException(403, message);
	}

}
