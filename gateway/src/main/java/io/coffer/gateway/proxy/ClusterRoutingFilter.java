package io.coffer.gateway.proxy;

import java.net.URI;

import io.coffer.common.VaultHeaders;
import io.coffer.common.authorize.AclEpoch;
import io.coffer.gateway.authorize.AllowCache;
import io.coffer.gateway.cluster.ConnectFailures;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.cluster.NotExecutedException;
import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Route filter that sends the request to the node chosen by {@link NodeRouter} through
 * Spring Cloud Gateway's own HTTP client ({@code NettyRoutingFilter}).
 * <p>
 * It runs after the request URL is computed and before the routing filter, so each
 * attempt sees the node's status and headers before the body is written to the client
 * ({@code NettyWriteResponseFilter} writes it on the way out). A standby's answer is
 * therefore dropped and the request sent again, and the client never sees it.
 */
public class ClusterRoutingFilter implements GatewayFilter {

	/** Between {@link RouteToRequestUrlFilter} and the routing filters. */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;

	private final NodeRouter router;

	private final TargetPolicy policy;

	private final RequestBodyReader bodyReader;

	private final RequestIds requestIds;

	private final AllowCache allowCache;

	public ClusterRoutingFilter(NodeRouter router, TargetPolicy policy, RequestBodyReader bodyReader,
			RequestIds requestIds, AllowCache allowCache) {
		this.router = router;
		this.policy = policy;
		this.bodyReader = bodyReader;
		this.requestIds = requestIds;
		this.allowCache = allowCache;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.bodyReader.read(exchange.getRequest().getBody()).flatMap((body) -> {
			ForwardedRequest request = new ForwardedRequest(exchange, body, this.requestIds.next());
			return switch (this.policy) {
				case ACTIVE -> this.router.toActive((node) -> send(request, chain, node));
				case ANY_REACHABLE -> this.router.toAnyReachable((node) -> send(request, chain, node));
			};
		});
	}

	private Mono<Void> send(ForwardedRequest request, GatewayFilterChain chain, URI node) {
		ServerWebExchange exchange = request.exchange();
		return chain.filter(request.to(node))
			.onErrorMap(ConnectFailures::isConnectFailure, (error) -> NotExecutedException.unreachable(node, error))
			.then(Mono.defer(() -> {
				takeAclEpoch(this.allowCache, exchange.getResponse(), node);
				return isStandbyAnswer(exchange.getResponse()) ? discard(exchange, node) : Mono.empty();
			}));
	}

	/**
	 * A node's ACL epoch never reaches the client; a change drops the allow-cache before
	 * the answer that caused it (a revocation, a policy write) is written.
	 */
	static void takeAclEpoch(AllowCache allowCache, ServerHttpResponse response, URI node) {
		String epoch = response.getHeaders().getFirst(AclEpoch.HEADER);
		if (epoch != null) {
			response.getHeaders().remove(AclEpoch.HEADER);
			allowCache.observe(node, epoch);
		}
	}

	private static boolean isStandbyAnswer(ServerHttpResponse response) {
		return HttpStatus.SERVICE_UNAVAILABLE.equals(response.getStatusCode())
				&& "true".equalsIgnoreCase(response.getHeaders().getFirst(VaultHeaders.COFFER_NOT_EXECUTED));
	}

	/** Closes the standby's response unread and clears what it put on the response. */
	private static Mono<Void> discard(ServerWebExchange exchange, URI node) {
		Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		if (connection != null) {
			connection.dispose();
		}
		ServerWebExchangeUtils.reset(exchange);
		exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
		exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		exchange.getResponse().setStatusCode(null);
		return Mono.error(NotExecutedException.standby(node));
	}

}
