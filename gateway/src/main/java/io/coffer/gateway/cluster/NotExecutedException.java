package io.coffer.gateway.cluster;

import java.net.URI;

/**
 * A request that a node cannot have executed: the connection was never established, the
 * node answered as a standby, or no active node was known yet. Only this failure is
 * retried, because re-sending such a request can never apply it twice.
 */
public class NotExecutedException extends RuntimeException {

	/** Why the request was not executed. */
	public enum Reason {

		UNREACHABLE, STANDBY, NO_ACTIVE_YET

	}

	private final Reason reason;

	private NotExecutedException(Reason reason, String message, Throwable cause) {
		super(message, cause, false, false);
		this.reason = reason;
	}

	public static NotExecutedException unreachable(URI node, Throwable cause) {
		return new NotExecutedException(Reason.UNREACHABLE, "secrets node " + node + " is unreachable", cause);
	}

	public static NotExecutedException standby(URI node) {
		return new NotExecutedException(Reason.STANDBY, "secrets node " + node + " answered as a standby", null);
	}

	public static NotExecutedException noActiveYet() {
		return new NotExecutedException(Reason.NO_ACTIVE_YET, "no active secrets node yet", null);
	}

	public Reason reason() {
		return this.reason;
	}

}
