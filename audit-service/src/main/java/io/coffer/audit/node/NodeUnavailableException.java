package io.coffer.audit.node;

/**
 * No secrets node could be asked: unreachable, or (for the device table) every one a
 * standby or sealed (503). Nothing was changed; the call may be tried again.
 */
public class NodeUnavailableException extends RuntimeException {

	public NodeUnavailableException(String message) {
		super(message);
	}

}
