package io.coffer.secrets.wrapping;

import java.time.Duration;

/**
 * A response to wrap, besides its envelope.
 *
 * @param creationPath the request path, reported by lookup and in {@code wrap_info}
 * @param mountPoint the request's mount, for token metrics
 * @param ttl the requested wrap TTL
 */
public record WrapRequest(String creationPath, String mountPoint, Duration ttl) {

	/**
	 * Whole seconds, at least one: tokens expire by the second, and a zero TTL would mean
	 * a token that never expires.
	 */
	long ttlSeconds() {
		long seconds = this.ttl.toSeconds();
		if (this.ttl.toNanosPart() > 0 || seconds == 0) {
			seconds++;
		}
		return seconds;
	}

}
