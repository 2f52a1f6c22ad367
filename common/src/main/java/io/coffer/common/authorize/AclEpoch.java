package io.coffer.common.authorize;

/**
 * The ACL epoch of a secrets node: an opaque value that changes whenever a decision the
 * node made before may no longer hold (a token was revoked, a policy written or deleted,
 * the node sealed, unsealed, became active or standby, or restarted). Every node response
 * carries it in {@link #HEADER}; the gateway drops its allow-cache when the value it sees
 * from a node changes, and removes the header before a response reaches a client.
 */
public final class AclEpoch {

	/** The response header carrying a node's ACL epoch. */
	public static final String HEADER = "X-Coffer-Acl-Epoch";

	private AclEpoch() {
	}

}
