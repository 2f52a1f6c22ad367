package io.coffer.gateway.identity;

import io.coffer.common.VaultHeaders;
import io.coffer.common.identity.IdentitySigner;
import io.coffer.common.identity.InternalIdentity;

import org.springframework.http.HttpHeaders;

/**
 * The headers every request to a node gets, whichever way the gateway sends it (proxy
 * route, seal fan-out, health probe): the client's Vault token in {@code X-Vault-Token}
 * and a fresh identity signed by the gateway in place of anything a client sent under
 * that name.
 */
public final class NodeRequestHeaders {

	private static final String BEARER = "Bearer ";

	private final IdentitySigner signer;

	public NodeRequestHeaders(IdentitySigner signer) {
		this.signer = signer;
	}

	/**
	 * Prepares {@code headers} in place.
	 * @param requestId the request's {@code X-Coffer-Request-Id} (set here if the call
	 * had none, e.g. a health probe), carried as the identity's {@code jti}
	 */
	public void prepare(HttpHeaders headers, String requestId) {
		useBearerAsVaultToken(headers);
		headers.set(VaultHeaders.COFFER_REQUEST_ID, requestId);
		headers.set(InternalIdentity.HEADER, this.signer.sign(requestId));
	}

	/**
	 * Vault accepts the token as {@code Authorization: Bearer <token>}; nodes are handed
	 * it as {@code X-Vault-Token} so they never have to tell it apart from other
	 * authorization schemes. An explicit {@code X-Vault-Token} wins, as in Vault.
	 */
	static void useBearerAsVaultToken(HttpHeaders headers) {
		if (headers.containsHeader(VaultHeaders.TOKEN)) {
			return;
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			String token = authorization.substring(BEARER.length()).trim();
			if (!token.isEmpty()) {
				headers.set(VaultHeaders.TOKEN, token);
			}
		}
	}

}
