package io.coffer.gateway.authorize;

import java.util.List;
import java.util.Map;

/**
 * The outcome of authorizing a request for another service: forward it with its identity,
 * or give the client the node's own answer (sealed, a bad request). A denial is an error
 * ({@code PermissionDeniedException}).
 */
public sealed interface Authorization {

	/**
	 * Forward, carrying {@code identity} (signed for this caller's authorization).
	 *
	 * @param identity the signed identity
	 * @param rateLimitHeaders the node's {@code X-RateLimit-*} headers for the path's
	 * rate-limit quota ({@code enable_rate_limit_response_headers}), to add to the
	 * service's answer; empty when none applies (such decisions are the only cached ones)
	 */
	record Allowed(String identity, Map<String, String> rateLimitHeaders) implements Authorization {

		/** The rate-limit headers a node's answer may carry, in Vault's spelling. */
		public static final List<String> RATE_LIMIT_HEADERS = List.of("X-RateLimit-Limit", "X-RateLimit-Remaining",
				"X-RateLimit-Reset");

		public Allowed {
			rateLimitHeaders = Map.copyOf(rateLimitHeaders);
		}

		Allowed(String identity) {
			this(identity, Map.of());
		}

		@Override
		public String toString() {
			return "Allowed[identity=<redacted>, rateLimitHeaders=" + this.rateLimitHeaders + "]";
		}

	}

	/**
	 * Answer the client with what the node answered (e.g. 503 {@code Vault is sealed}).
	 *
	 * @param answer the node's answer
	 */
	record Relayed(NodeAnswer answer) implements Authorization {

	}

}
