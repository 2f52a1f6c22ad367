package io.coffer.lease.node;

/**
 * No secrets node could be asked: none reachable, every one a standby (503), or the
 * circuit breaker is open. The lease is not at fault; the call is tried again later
 * without counting against it.
 */
public class NodeUnavailableException extends RuntimeException {

	public NodeUnavailableException(String message) {
		super(message);
	}

}
