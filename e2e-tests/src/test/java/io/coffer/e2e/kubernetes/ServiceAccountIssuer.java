package io.coffer.e2e.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs projected service-account tokens as a Kubernetes cluster's token controller does:
 * RS256 with a key ID, {@code iss} the cluster's, {@code sub}
 * {@code system:serviceaccount:<namespace>:<name>}, the requested {@code aud}, an hour
 * from {@code iat}/{@code nbf} to {@code exp}, and the {@code kubernetes.io} claim naming
 * the namespace, the service account (name, UID) and a pod.
 */
public final class ServiceAccountIssuer {

	public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

	private final RSAKey key;

	public ServiceAccountIssuer() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("sa-" + UUID.randomUUID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token for {@code account}, issued now for an hour. */
	public String issue(ServiceAccountToken account) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(account.subject())
			.audience(account.audiences())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.jwtID(UUID.randomUUID().toString())
			.claim("kubernetes.io",
					Map.of("namespace", account.namespace(), "serviceaccount",
							Map.of("name", account.name(), "uid", account.uid()), "pod",
							Map.of("name", account.name() + "-7d9f8c6b5-x2k4q", "uid", UUID.randomUUID().toString())))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/** The signing key's public half as PEM, for {@code pem_keys}. */
	public String publicKeyPem() {
		try {
			return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(this.key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
