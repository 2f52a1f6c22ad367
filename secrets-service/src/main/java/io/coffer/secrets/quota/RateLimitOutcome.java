package io.coffer.secrets.quota;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request did to a client's counters, and the headers Vault answers with.
 *
 * @param allowed whether the request may run
 * @param limit requests per interval; 0 while the client is blocked (Vault then sends
 * only {@code Retry-After})
 * @param remaining requests left in the interval
 * @param resetSeconds seconds until the interval's requests are available again
 * @param retryAfterSeconds seconds a refused client should wait
 */
record RateLimitOutcome(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

	static final String LIMIT = "X-RateLimit-Limit";

	static final String REMAINING = "X-RateLimit-Remaining";

	static final String RESET = "X-RateLimit-Reset";

	static final String RETRY_AFTER = "Retry-After";

	static RateLimitOutcome allowed(long limit, long remaining, long resetSeconds) {
		return new RateLimitOutcome(true, limit, remaining, resetSeconds, 0);
	}

	static RateLimitOutcome refused(long limit, long resetSeconds, long retryAfterSeconds) {
		return new RateLimitOutcome(false, limit, 0, resetSeconds, Math.max(1, retryAfterSeconds));
	}

	static RateLimitOutcome blocked(long retryAfterSeconds) {
		return new RateLimitOutcome(false, 0, 0, 0, Math.max(1, retryAfterSeconds));
	}

	/**
	 * The {@code X-RateLimit-*} headers Vault sends when
	 * {@code enable_rate_limit_response_headers} is set (none while blocked).
	 */
	Map<String, String> rateLimitHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		if (this.limit > 0) {
			headers.put(LIMIT, Long.toString(this.limit));
			headers.put(REMAINING, Long.toString(this.remaining));
			headers.put(RESET, Long.toString(this.resetSeconds));
		}
		return headers;
	}

}
