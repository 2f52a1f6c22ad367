package io.coffer.gateway.error;

import java.util.List;

/**
 * {@code sys/seal} could not confirm that every node is sealed: some node may keep
 * serving. Answered {@code 500} (Vault's status for a seal that failed) naming those
 * nodes by their configured address, so the operator knows where to look.
 */
public class SealIncompleteException extends RuntimeException {

	private final List<String> stillUnsealed;

	/**
	 * @param stillUnsealed one entry per node, its address and why it is not confirmed
	 * sealed (fixed texts only, never request content)
	 */
	public SealIncompleteException(List<String> stillUnsealed) {
		super(message(stillUnsealed), null, false, false);
		this.stillUnsealed = List.copyOf(stillUnsealed);
	}

	public List<String> stillUnsealed() {
		return this.stillUnsealed;
	}

	private static String message(List<String> nodes) {
		return "seal incomplete: " + nodes.size() + ((nodes.size() == 1) ? " node" : " nodes")
				+ " may still be unsealed and serving: " + String.join(", ", nodes);
	}

}
