package io.coffer.secrets.http;

import java.io.IOException;

import io.coffer.secrets.storage.RequestWrites;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the {@link RequestWrites} scope of each request, so that {@link ErrorHandler} can
 * tell a standby refusal that wrote nothing (safe for the gateway to send again) from a
 * request that lost the active role after a write (never replayed).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WriteTrackingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (RequestWrites.Scope scope = RequestWrites.open()) {
			chain.doFilter(request, response);
		}
	}

}
