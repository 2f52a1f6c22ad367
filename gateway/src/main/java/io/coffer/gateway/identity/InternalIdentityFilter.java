package io.coffer.gateway.identity;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives every proxied request the gateway's current identity. It runs after the routing
 * filter that picks the target ({@code ClusterRoutingFilter}, order {@link #ORDER} - 10),
 * once per attempt, so a request retried on another node during a failover carries the
 * identity current at that attempt rather than one that may have expired meanwhile. A
 * request for a service other than the secrets nodes carries the identity signed for its
 * caller's authorization instead ({@link #OWNER_IDENTITY}), without the Vault token.
 */
public class InternalIdentityFilter implements GlobalFilter, Ordered {

	/** After the routing filters, which run at URL-filter order + 100. */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 110;

	/**
	 * Exchange attribute holding the identity signed for a request forwarded to a service
	 * other than the secrets nodes ({@link OwnerIdentities}).
	 */
	public static final String OWNER_IDENTITY = InternalIdentityFilter.class.getName() + ".ownerIdentity";

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
		String ownerIdentity = exchange.getAttribute(OWNER_IDENTITY);
		if (ownerIdentity != null) {
			return chain.filter(exchange.mutate()
				.request((request) -> request
					.headers((headers) -> this.headers.prepareForOwner(headers, id, ownerIdentity)))
				.build());
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> this.headers.prepare(headers, id,
					exchange.getAttribute(ClientAddressFilter.ATTRIBUTE))))
			.build());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
