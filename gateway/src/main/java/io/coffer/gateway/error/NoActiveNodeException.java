package io.coffer.gateway.error;

/**
 * No node can serve the request: none is active and none answered with a sealed or
 * uninitialized state that would be the cluster's real answer. Vault's own text for it.
 */
public class NoActiveNodeException extends RuntimeException {

	public static final String MESSAGE = "no active Vault instance found";

	public NoActiveNodeException() {
		super(MESSAGE);
	}

}
