package io.coffer.common.identity;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs internal identities (ES256). ES256 rather than RS256: an RSA-2048 signature costs
 * about a millisecond on small CPUs, per request; a P-256 one a fraction of that.
 * Thread-safe.
 */
public final class IdentitySigner {

	private final ECDSASigner signer;

	private final JWSHeader header;

	private final Clock clock;

	public IdentitySigner(KeyPair keys, Clock clock) {
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
	}

	/** The key id every identity carries in its header. */
	public String keyId() {
		return this.header.getKeyID();
	}

	/**
	 * A compact JWT without a client address (the gateway's own calls, e.g. health
	 * probes).
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
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(InternalIdentity.ISSUER)
			.audience(InternalIdentity.AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(InternalIdentity.LIFETIME)))
			.jwtID(id);
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
		return "IdentitySigner[kid=" + keyId() + "]";
	}

}
