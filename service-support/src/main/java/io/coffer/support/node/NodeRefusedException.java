package io.coffer.support.node;

/**
 * The active node answered with an error (Vault's envelope); its message is the node's
 * error text, which never holds a secret.
 */
public class NodeRefusedException extends RuntimeException {

	private final int status;

	public NodeRefusedException(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The node's HTTP status. */
	public int status() {
		return this.status;
	}

}
