package io.coffer.gateway.identity;

import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.common.authorize.AuthorizationClaims;
import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentitySigner;

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

	private final IdentitySigner signer;

	private final Supplier<String> ids;

	public OwnerIdentities(KeyPair keys, Clock clock, Supplier<String> ids) {
		this.signer = new IdentitySigner(keys, clock, InternalIdentity.GATEWAY);
		this.ids = ids;
	}

	/**
	 * Signs the identity of one forwarded request.
	 * @param owner the receiving service's name
	 * @param clientAddress the client's address, or null
	 * @param decision the active node's allow decision
	 */
	public String sign(String owner, String clientAddress, AuthorizeDecision decision) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(AuthorizationClaims.POLICIES, decision.policies());
		claims.put(AuthorizationClaims.TOKEN_ACCESSOR, decision.accessor());
		claims.put(AuthorizationClaims.DISPLAY_NAME, decision.displayName());
		claims.put(AuthorizationClaims.ENTITY_ID, decision.entityId());
		claims.put(AuthorizationClaims.TOKEN_TTL, decision.ttl());
		return this.signer.sign(AuthorizationClaims.audienceOf(owner), this.ids.get(), clientAddress, claims);
	}

	@Override
	public String toString() {
		return "OwnerIdentities[kid=" + this.signer.keyId() + "]";
	}

}
