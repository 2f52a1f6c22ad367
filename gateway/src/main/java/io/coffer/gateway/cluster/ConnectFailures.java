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

	private ConnectFailures() {
	}

	public static boolean isConnectFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof UnknownHostException) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
