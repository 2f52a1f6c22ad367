package io.coffer.support.web.identity;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The only calls a Coffer service serves without an internal identity: what Vault itself
 * serves unauthenticated on every node and what is needed to bring a node up (health,
 * seal status, leader, the init flag, unseal shares; services without those paths answer
 * them 404), plus the actuator's health probes and Prometheus scrape, and Vault's
 * {@code GET sys/metrics}, which a service serving it protects itself (a token with
 * {@code read} on {@code sys/metrics}, unless the operator opened it). Everything else,
 * {@code PUT sys/init} and {@code sys/seal} included, is reached through a listed caller
 * only.
 */
final class OpenEndpoints {

	private OpenEndpoints() {
	}

	static RequestMatcher matcher() {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(read(path, "/v1/sys/health"), read(path, "/v1/sys/seal-status"),
				read(path, "/v1/sys/leader"), read(path, "/v1/sys/init"), read(path, "/v1/sys/metrics"),
				path.matcher(HttpMethod.PUT, "/v1/sys/unseal"), path.matcher(HttpMethod.POST, "/v1/sys/unseal"),
				read(path, "/actuator/health/**"), read(path, "/actuator/prometheus"));
	}

	private static RequestMatcher read(PathPatternRequestMatcher.Builder path, String pattern) {
		return new OrRequestMatcher(path.matcher(HttpMethod.GET, pattern), path.matcher(HttpMethod.HEAD, pattern));
	}

}
