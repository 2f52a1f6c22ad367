package io.coffer.support.web.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.support.identity.IdentityVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Per-caller allow-lists: a call whose internal identity verified is let through only on
 * a path its caller may call ({@code coffer.identity.callers.<name>.paths}), whatever the
 * method. Everything else is denied (403 by {@link IdentityRefusal}): a caller without
 * paths may call nothing, and a caller this service does not list never gets here (its
 * identity does not verify, 401).
 */
final class CallerPaths implements AuthorizationManager<RequestAuthorizationContext> {

	private static final Logger logger = LoggerFactory.getLogger(CallerPaths.class);

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private final Map<String, RequestMatcher> allowed;

	/**
	 * @param paths each caller's path patterns, by caller name
	 */
	CallerPaths(Map<String, List<String>> paths) {
		Map<String, RequestMatcher> matchers = new LinkedHashMap<>();
		PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
		paths.forEach((caller, patterns) -> {
			if (!patterns.isEmpty()) {
				matchers.put(caller,
						new OrRequestMatcher(patterns.stream().<RequestMatcher>map(builder::matcher).toList()));
			}
		});
		this.allowed = Map.copyOf(matchers);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		// Without an authentication this throws, and the call is answered 401.
		Authentication current = authentication.get();
		if (current == null || !current.isAuthenticated() || !(current.getPrincipal() instanceof Jwt identity)) {
			return DENIED;
		}
		String caller = IdentityVerifier.caller(identity);
		RequestMatcher paths = this.allowed.get(caller);
		if (paths != null && paths.matches(context.getRequest())) {
			return GRANTED;
		}
		logger.warn("Refused {} {} from caller '{}': not on its allow-list", context.getRequest().getMethod(),
				context.getRequest().getRequestURI(), caller);
		return DENIED;
	}

}
