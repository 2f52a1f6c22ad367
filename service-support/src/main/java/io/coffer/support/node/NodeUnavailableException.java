package io.coffer.support.node;

/**
 * No active secrets node could be asked: unreachable, standby or sealed (503). Nothing
 * was changed; the call may be tried again.
 */
public class NodeUnavailableException extends RuntimeException {

	public NodeUnavailableException(String message) {
		super(message);
	}

}
