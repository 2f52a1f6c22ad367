package io.coffer.gateway.config;

/**
 * What the gateway may send again when a request to an owning service fails, and where.
 * Only what cannot have run is ever sent again.
 */
public enum RetryPolicy {

	/**
	 * The secrets nodes' policy (and only theirs): the active node, waiting through a
	 * failover within {@code failover-budget}; a standby's "not executed" answer and a
	 * refused connect are sent again to the new active node. A node's own endpoints
	 * (health, seal-status, leader, init) go to any reachable node.
	 */
	FAILOVER,

	/**
	 * The owner's base URLs in order: the next one is tried only when the connect to the
	 * previous one failed (nothing was sent). The default of the other services.
	 */
	CONNECT_FAILURES,

	/** The first base URL only, never sent again. */
	NONE

}
