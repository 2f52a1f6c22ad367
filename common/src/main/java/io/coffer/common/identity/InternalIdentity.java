package io.coffer.common.identity;

import java.time.Duration;

/**
 * The contract of Coffer's internal identity: a short-lived JWT (ES256) a Coffer service
 * (the caller: the gateway, later the lease service...) signs with its own key for every
 * request it sends to another service, and that every service checks before serving
 * anything but its own unauthenticated endpoints. The issuer claim names the caller
 * ({@link #issuer(String)}); a receiver accepts only the callers it lists, each on its
 * own paths. See docs/identity.md.
 */
public final class InternalIdentity {

	/**
	 * The header carrying the JWT. Not {@code Authorization}: clients send their Vault
	 * token there as {@code Bearer}.
	 */
	public static final String HEADER = "X-Coffer-Identity";

	private static final String ISSUER_PREFIX = "coffer-";

	/** The caller name of the gateway, which signs every request it proxies. */
	public static final String GATEWAY = "gateway";

	/** The issuer of the gateway's identities ({@code coffer-gateway}). */
	public static final String GATEWAY_ISSUER = issuer(GATEWAY);

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

	/**
	 * The issuer claim of the identities a caller signs: {@code coffer-<caller>}, e.g.
	 * {@code coffer-gateway}.
	 * @param caller the caller's name as receivers list it ({@code gateway},
	 * {@code lease-service}...)
	 */
	public static String issuer(String caller) {
		return ISSUER_PREFIX + caller;
	}

}
