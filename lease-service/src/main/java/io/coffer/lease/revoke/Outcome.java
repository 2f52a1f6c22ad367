package io.coffer.lease.revoke;

/**
 * What became of one revocation.
 *
 * @param kind what happened
 * @param error the node's error text when it failed, else null
 */
public record Outcome(Kind kind, String error) {

	/** Revoked and deleted. */
	public static final Outcome REVOKED = new Outcome(Kind.REVOKED, null);

	/** The node refused; the lease waits for its next attempt. */
	public static final Outcome FAILED = new Outcome(Kind.FAILED, null);

	/** The node refused too often: the lease is irrevocable. */
	public static final Outcome IRREVOCABLE = new Outcome(Kind.IRREVOCABLE, null);

	/** No node could be asked; the lease waits in the queue. */
	public static final Outcome DEFERRED = new Outcome(Kind.DEFERRED, null);

	/** The lease does not exist or another instance is revoking it. */
	public static final Outcome NOT_CLAIMED = new Outcome(Kind.NOT_CLAIMED, null);

	Outcome withError(String text) {
		return new Outcome(this.kind, text);
	}

	/** The kinds of outcome. */
	public enum Kind {

		REVOKED, FAILED, IRREVOCABLE, DEFERRED, NOT_CLAIMED

	}

}
