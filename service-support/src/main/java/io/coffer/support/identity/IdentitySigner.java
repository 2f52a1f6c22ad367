package io.coffer.support.identity;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.identity.InternalIdentity;

/**
 * Signs the internal identities of one caller (ES256) with that caller's own key; the
 * issuer claim names the caller ({@link InternalIdentity#issuer(String)}), so a receiver
 * knows which of its listed callers a call comes from. ES256 rather than RS256: an
 * RSA-2048 signature costs about a millisecond on small CPUs, per request; a P-256 one a
 * fraction of that. Thread-safe.
 */
public final class IdentitySigner {

	private final ECDSASigner signer;

	private final JWSHeader header;

	private final Clock clock;

	private final String issuer;

	/**
	 * @param keys the caller's key pair
	 * @param clock the clock of {@code iat} and {@code exp}
	 * @param caller the caller's name as receivers list it ({@code gateway},
	 * {@code lease-service}...)
	 */
	public IdentitySigner(KeyPair keys, Clock clock, String caller) {
		try {
			this.signer = new ECDSASigner((ECPrivateKey) keys.getPrivate());
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("the identity signing key is not a P-256 key", ex);
		}
		this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.keyID(IdentityKeyFiles.keyId(keys.getPublic()))
			.build();
		this.clock = clock;
		this.issuer = InternalIdentity.issuer(caller);
	}

	/** The key id every identity carries in its header. */
	public String keyId() {
		return this.header.getKeyID();
	}

	/**
	 * A compact JWT without a client address (a service's own calls, e.g. the gateway's
	 * health probes).
	 * @param id the identity's id, as {@code jti}
	 */
	public String sign(String id) {
		return sign(id, null);
	}

	/**
	 * A compact JWT speaking for the clients at one address.
	 * @param id the identity's id, as {@code jti}
	 * @param clientAddress the client's IP address as the gateway saw it (claim
	 * {@value InternalIdentity#CLIENT_ADDRESS_CLAIM}), or null for none
	 */
	public String sign(String id, String clientAddress) {
		return sign(InternalIdentity.AUDIENCE, id, clientAddress, Map.of());
	}

	/**
	 * A compact JWT addressed to one receiving service, with claims of its own.
	 * @param audience the receiver's audience ({@code aud})
	 * @param id the identity's id, as {@code jti}
	 * @param clientAddress the client's IP address, or null for none
	 * @param extraClaims further claims (e.g. an authorization decision); null values are
	 * left out
	 */
	public String sign(String audience, String id, String clientAddress, Map<String, ?> extraClaims) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(InternalIdentity.LIFETIME)))
			.jwtID(id);
		extraClaims.forEach(builder::claim);
		if (clientAddress != null) {
			builder.claim(InternalIdentity.CLIENT_ADDRESS_CLAIM, clientAddress);
		}
		JWTClaimsSet claims = builder.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("signing the internal identity failed", ex);
		}
		return jwt.serialize();
	}

	@Override
	public String toString() {
		return "IdentitySigner[iss=" + this.issuer + ", kid=" + keyId() + "]";
	}

}
