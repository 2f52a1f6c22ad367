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
	 * Set by a secrets node that refused a logical request because it is not the active
	 * node. The gateway retries such a request on the active node; a client never sees a
	 * standby's answer.
	 */
	public static final String COFFER_STANDBY = "X-Coffer-Standby";

	/** Request id assigned by the gateway, echoed as Vault's {@code request_id}. */
	public static final String COFFER_REQUEST_ID = "X-Coffer-Request-Id";

	private VaultHeaders() {
	}

}
