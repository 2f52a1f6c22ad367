package io.coffer.gateway.identity;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.authorize.AuthorizationClaims;
import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.identity.IdentityKeyFiles;
import io.coffer.common.identity.InternalIdentity;

/**
 * Signs the identity of a request forwarded to a service other than the secrets nodes:
 * the usual internal identity (ES256, same key, issuer, lifetime and
 * {@code client_address}) addressed to that service ({@code aud} =
 * {@code coffer-<owner>}) and carrying the active node's authorization
 * ({@link AuthorizationClaims}): policies, token accessor, display name, entity id, the
 * token's remaining TTL. The token itself is never in it, and never forwarded.
 * <p>
 * Each one is specific to a caller's authorization, so unlike {@link SharedIdentity} it
 * cannot be shared between clients; the allow-cache keeps it with its decision, so a
 * cached request costs no signature.
 */
public final class OwnerIdentities {

	private final ECDSASigner signer;

	private final JWSHeader header;

	private final Clock clock;

	private final Supplier<String> ids;

	public OwnerIdentities(KeyPair keys, Clock clock, Supplier<String> ids) {
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
		this.ids = ids;
	}

	/**
	 * A signed identity for one authorized caller.
	 * @param owner the receiving service's name
	 * @param clientAddress the client's address, or null
	 * @param decision the active node's allow decision
	 */
	public String sign(String owner, String clientAddress, AuthorizeDecision decision) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(InternalIdentity.ISSUER)
			.audience(AuthorizationClaims.audienceOf(owner))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(InternalIdentity.LIFETIME)))
			.jwtID(this.ids.get())
			.claim(AuthorizationClaims.POLICIES, decision.policies())
			.claim(AuthorizationClaims.TOKEN_ACCESSOR, decision.accessor())
			.claim(AuthorizationClaims.DISPLAY_NAME, decision.displayName())
			.claim(AuthorizationClaims.ENTITY_ID, decision.entityId())
			.claim(AuthorizationClaims.TOKEN_TTL, decision.ttl());
		if (clientAddress != null) {
			claims.claim(InternalIdentity.CLIENT_ADDRESS_CLAIM, clientAddress);
		}
		SignedJWT jwt = new SignedJWT(this.header, claims.build());
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
		return "OwnerIdentities[kid=" + this.header.getKeyID() + "]";
	}

}
