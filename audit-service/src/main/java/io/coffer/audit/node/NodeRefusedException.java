package io.coffer.audit.node;

/**
 * The active node answered the call with an error (Vault's envelope): the node refused to
 * change the device table or hash. Its message is the node's error text, which never
 * holds a secret.
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
