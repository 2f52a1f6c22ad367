package io.coffer.common;

/**
 * Header names of Vault's HTTP API and Coffer's internal ones, defined once.
 */
public final class VaultHeaders {

	public static final String TOKEN = "X-Vault-Token";

	public static final String NAMESPACE = "X-Vault-Namespace";

	public static final String WRAP_TTL = "X-Vault-Wrap-TTL";

	public static final String REQUEST = "X-Vault-Request";

	/**
	 * Set ({@code true}, on a 503) by a secrets node that is not the active node and
	 * refused a request before it wrote anything. Only such an answer may be sent again
	 * to the active node by the gateway, which never passes it to a client. A request
	 * that lost the active role after a storage write is answered without it.
	 */
	public static final String COFFER_NOT_EXECUTED = "X-Coffer-Not-Executed";

	/** Request id assigned by the gateway, echoed as Vault's {@code request_id}. */
	public static final String COFFER_REQUEST_ID = "X-Coffer-Request-Id";

	private VaultHeaders() {
	}

}
