package io.coffer.support.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import io.coffer.common.VaultHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request one id, the one Vault answers as {@code request_id}: the gateway's
 * {@code X-Coffer-Request-Id} when it is a UUID (so a request can be followed from the
 * gateway's log to the service's), else a fresh random one (a call that did not come
 * through the gateway). Anything else a client put in the header is ignored, so no
 * arbitrary text reaches responses or logs. Read it with {@link #of}; it is in the
 * logging MDC as {@value #MDC_KEY} while the request runs.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The MDC key of the current request's id. */
	public static final String MDC_KEY = "request_id";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");

	/**
	 * The id of {@code request}: the one this filter chose, or (outside the filter, e.g.
	 * in a test calling a controller directly) one chosen now by the same rule.
	 */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		if (id instanceof String text) {
			return text;
		}
		String chosen = choose(request.getHeader(VaultHeaders.COFFER_REQUEST_ID));
		request.setAttribute(ATTRIBUTE, chosen);
		return chosen;
	}

	static String choose(String header) {
		return (header != null && UUID_TEXT.matcher(header).matches()) ? header : UUID.randomUUID().toString();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MDC.put(MDC_KEY, of(request));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

}
