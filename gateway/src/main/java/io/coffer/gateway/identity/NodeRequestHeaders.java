package io.coffer.gateway.identity;

import java.time.Clock;

import io.coffer.common.VaultHeaders;
import io.coffer.common.identity.IdentitySigner;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.gateway.web.RequestIds;

import org.springframework.http.HttpHeaders;

/**
 * The headers every request to a node gets, whichever way the gateway sends it (proxy
 * route, seal fan-out, health probe): the client's Vault token in {@code X-Vault-Token}
 * and the gateway's current identity for the client's address ({@link SharedIdentity}) in
 * place of anything a client sent under that name.
 */
public final class NodeRequestHeaders {

	private static final String BEARER = "Bearer ";

	private final SharedIdentity identity;

	public NodeRequestHeaders(IdentitySigner signer, Clock clock, RequestIds ids) {
		this.identity = new SharedIdentity(signer, clock, ids::next);
	}

	/**
	 * Prepares {@code headers} in place.
	 * @param requestId the request's {@code X-Coffer-Request-Id} (set here if the call
	 * had none, e.g. a health probe)
	 * @param clientAddress the address of the client the call is made for
	 * ({@link ClientAddressFilter}), or null for the gateway's own calls
	 */
	public void prepare(HttpHeaders headers, String requestId, String clientAddress) {
		useBearerAsVaultToken(headers);
		headers.set(VaultHeaders.COFFER_REQUEST_ID, requestId);
		headers.set(InternalIdentity.HEADER, this.identity.token(clientAddress));
	}

	/**
	 * Prepares {@code headers} in place for a service other than the secrets nodes: the
	 * identity signed for this caller's authorization ({@link OwnerIdentities}), the
	 * request id, and no Vault token: the service learns who the caller is from the
	 * identity, and the token stays between the client, the gateway and the nodes.
	 */
	public void prepareForOwner(HttpHeaders headers, String requestId, String ownerIdentity) {
		headers.remove(VaultHeaders.TOKEN);
		headers.remove(HttpHeaders.AUTHORIZATION);
		headers.set(VaultHeaders.COFFER_REQUEST_ID, requestId);
		headers.set(InternalIdentity.HEADER, ownerIdentity);
	}

	/**
	 * The client's Vault token: {@code X-Vault-Token}, else
	 * {@code Authorization: Bearer}, else null.
	 */
	public static String clientToken(HttpHeaders headers) {
		String token = headers.getFirst(VaultHeaders.TOKEN);
		if (token != null) {
			return token;
		}
		HttpHeaders copy = new HttpHeaders();
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null) {
			return null;
		}
		copy.set(HttpHeaders.AUTHORIZATION, authorization);
		useBearerAsVaultToken(copy);
		return copy.getFirst(VaultHeaders.TOKEN);
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
