package io.coffer.common.identity;

import java.time.Duration;

/**
 * The contract of Coffer's internal identity: a short-lived JWT (ES256) the gateway signs
 * for every request it sends to a service, and that every service checks before serving
 * anything but its own unauthenticated endpoints. See docs/identity.md.
 */
public final class InternalIdentity {

	/**
	 * The header carrying the JWT. Not {@code Authorization}: clients send their Vault
	 * token there as {@code Bearer}.
	 */
	public static final String HEADER = "X-Coffer-Identity";

	public static final String ISSUER = "coffer-gateway";

	public static final String AUDIENCE = "coffer-secrets";

	/**
	 * How long a signed identity is valid. It only has to survive one hop from the
	 * gateway to a service; every attempt of a request is signed afresh.
	 */
	public static final Duration LIFETIME = Duration.ofSeconds(30);

	/**
	 * The claim carrying the client's address as the gateway saw it: the peer address of
	 * the client's TCP connection, or the address a trusted proxy forwarded (Vault's
	 * {@code x_forwarded_for_authorized_addrs}). Nodes check CIDR-bound credentials
	 * against this claim only, never against a header a client could send.
	 */
	public static final String CLIENT_ADDRESS_CLAIM = "client_address";

	/** The error text of a refused call, in Vault's envelope. */
	public static final String REFUSED = "missing or invalid internal identity";

	private InternalIdentity() {
	}

}
