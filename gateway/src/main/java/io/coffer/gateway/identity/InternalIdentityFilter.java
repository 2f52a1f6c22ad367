package io.coffer.gateway.identity;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.proxy.ClusterRoutingFilter;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives every proxied request the gateway's current identity. It runs after
 * {@link ClusterRoutingFilter}, once per attempt, so a request retried on another node
 * during a failover carries the identity current at that attempt rather than one that may
 * have expired meanwhile.
 */
public class InternalIdentityFilter implements GlobalFilter, Ordered {

	private final NodeRequestHeaders headers;

	private final RequestIds requestIds;

	public InternalIdentityFilter(NodeRequestHeaders headers, RequestIds requestIds) {
		this.headers = headers;
		this.requestIds = requestIds;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String requestId = exchange.getRequest().getHeaders().getFirst(VaultHeaders.COFFER_REQUEST_ID);
		String id = (requestId != null) ? requestId : this.requestIds.next();
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> this.headers.prepare(headers, id,
					exchange.getAttribute(ClientAddressFilter.ATTRIBUTE))))
			.build());
	}

	@Override
	public int getOrder() {
		return ClusterRoutingFilter.ORDER + 10;
	}

}
