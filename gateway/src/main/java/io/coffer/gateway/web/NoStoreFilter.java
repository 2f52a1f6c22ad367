package io.coffer.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Vault marks every response {@code Cache-Control: no-store}: responses carry secrets and
 * tokens that no proxy or browser may keep. Set just before commit so that it also
 * replaces whatever a node or an error handler wrote.
 */
public class NoStoreFilter implements WebFilter, Ordered {

	public static final String NO_STORE = "no-store";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
