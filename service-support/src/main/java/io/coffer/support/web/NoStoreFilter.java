package io.coffer.support.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Secrets must never sit in a cache: every response says {@code Cache-Control: no-store},
 * as Vault's do. Registered for every servlet service by
 * {@link ServletSupportAutoConfiguration}.
 */
public class NoStoreFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Cache-Control", "no-store");
		chain.doFilter(request, response);
	}

}
