package io.coffer.gateway.cluster;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Recognises transport errors that happen before a request leaves the gateway. Anything
 * else (a reset or timeout after sending) leaves the outcome unknown and must not be
 * retried.
 */
public final class ConnectFailures {

	private static final int MAX_DEPTH = 16;

	private ConnectFailures() {
	}

	public static boolean isConnectFailure(Throwable error) {
		Throwable cause = error;
		// Bounded walk: a cause chain may be cyclic.
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof UnknownHostException) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

}
