package io.coffer.support.web.identity;

import java.io.IOException;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.identity.InternalIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a call without a valid internal identity 401 in Vault's envelope, with one
 * fixed text whatever went wrong (missing, expired, wrong key or audience, a caller this
 * service does not list), and no {@code WWW-Authenticate} header: the reason is for the
 * service's log, not for whoever reached it directly. A listed caller on a path not on
 * its allow-list gets Vault's {@code 403 permission denied}.
 */
final class IdentityRefusal implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger logger = LoggerFactory.getLogger(IdentityRefusal.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] REFUSED = JSON.writeValueAsBytes(VaultErrorBody.of(InternalIdentity.REFUSED));

	private static final byte[] DENIED = JSON.writeValueAsBytes(VaultErrorBody.of("permission denied"));

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// Spring Security's reasons name the failed check, never the token's content.
		logger.warn("Refused {} {} without a valid internal identity: {}", request.getMethod(), request.getRequestURI(),
				authException.getMessage());
		write(response, HttpServletResponse.SC_UNAUTHORIZED, REFUSED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		// CallerPaths logged which caller was refused.
		write(response, HttpServletResponse.SC_FORBIDDEN, DENIED);
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
