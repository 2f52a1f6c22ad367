package io.coffer.gateway.proxy;

/**
 * Which node a proxied route sends to.
 */
public enum TargetPolicy {

	/** The active node, waiting through a failover (every logical request). */
	ACTIVE,

	/**
	 * The active node, else any reachable one at once: a node's own endpoints (health,
	 * seal-status, leader, init) that answer on every node.
	 */
	ANY_REACHABLE

}
