package io.coffer.secrets.identity;

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
 * Answers a call without a valid internal identity in Vault's envelope, with one fixed
 * text whatever went wrong (missing, expired, wrong key or audience), and no
 * {@code WWW-Authenticate} header: the reason is for the node's log, not for whoever
 * reached a node directly.
 */
final class IdentityRefusal implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger logger = LoggerFactory.getLogger(IdentityRefusal.class);

	private static final byte[] BODY = JsonMapper.builder()
		.build()
		.writeValueAsBytes(VaultErrorBody.of(InternalIdentity.REFUSED));

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// Spring Security's reasons name the failed check, never the token's content.
		logger.warn("Refused {} {} without a valid internal identity: {}", request.getMethod(), request.getRequestURI(),
				authException.getMessage());
		write(response, HttpServletResponse.SC_UNAUTHORIZED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		logger.warn("Refused {} {}: access denied", request.getMethod(), request.getRequestURI());
		write(response, HttpServletResponse.SC_FORBIDDEN);
	}

	private static void write(HttpServletResponse response, int status) throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(BODY.length);
		response.getOutputStream().write(BODY);
	}

}
