package io.coffer.common.authorize;

/**
 * Claims the gateway adds to the signed internal identity of a request it forwards to a
 * service other than the secrets nodes, after the active node allowed it
 * ({@link AuthorizeDecision}). The receiving service trusts them as it trusts the
 * identity: they say who the caller is, never the token itself (which is not forwarded).
 */
public final class AuthorizationClaims {

	/** The token's policies (a JSON array of names). */
	public static final String POLICIES = "policies";

	/** The token's accessor. */
	public static final String TOKEN_ACCESSOR = "token_accessor";

	/** The token's display name. */
	public static final String DISPLAY_NAME = "display_name";

	/** The token's entity id (empty when none). */
	public static final String ENTITY_ID = "entity_id";

	/** Seconds the token had left when the node decided; 0 = never expires. */
	public static final String TOKEN_TTL = "token_ttl";

	/**
	 * The audience of an identity sent to the service named {@code owner} (e.g.
	 * {@code coffer-lease}); the secrets nodes' audience stays {@code coffer-secrets}.
	 */
	public static String audienceOf(String owner) {
		return "coffer-" + owner;
	}

	private AuthorizationClaims() {
	}

}
