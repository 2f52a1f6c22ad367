package io.coffer.gateway.web;

import io.coffer.gateway.error.RequestTooLargeException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a request whose declared Content-Length is over the limit before any of it is
 * read. Bodies without a length are limited while they are read
 * ({@link RequestBodyReader}).
 */
public class RequestSizeLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	public RequestSizeLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getHeaders().getContentLength() > this.maxBytes && !StreamedBodies
			.streams(exchange.getRequest().getMethod(), exchange.getRequest().getPath().value())) {
			return Mono.error(new RequestTooLargeException());
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
