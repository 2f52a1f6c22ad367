package io.coffer.gateway.proxy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.authorize.AllowCache;
import io.coffer.gateway.cluster.ConnectFailures;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.cluster.NodeUrls;
import io.coffer.gateway.cluster.NotExecutedException;
import io.coffer.gateway.web.RequestIds;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends a request whose body is too large to hold (a snapshot to restore) to the active
 * node while it is still arriving: nothing is buffered, and no size limit applies. The
 * body can be sent only once, so another node is tried only while none of it was read
 * (the active could not be reached); a standby's refusal after that reaches the client as
 * the retryable {@code 503} it is.
 */
public class StreamingRoutingFilter implements GatewayFilter {

	private final NodeRouter router;

	private final RequestIds requestIds;

	private final AllowCache allowCache;

	public StreamingRoutingFilter(NodeRouter router, RequestIds requestIds, AllowCache allowCache) {
		this.router = router;
		this.requestIds = requestIds;
		this.allowCache = allowCache;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String requestId = this.requestIds.next();
		AtomicBoolean bodyRead = new AtomicBoolean();
		return this.router.toActive((node) -> {
			if (bodyRead.get()) {
				return Mono.error(new IllegalStateException("the request body was already sent to another node"));
			}
			return send(exchange, chain, node, requestId, bodyRead);
		});
	}

	private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, URI node, String requestId,
			AtomicBoolean bodyRead) {
		ServerHttpRequest original = exchange.getRequest();
		URI target = NodeUrls.resolve(node, original.getURI().getRawPath(), original.getURI().getRawQuery());
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
		ServerWebExchangeUtils.removeAlreadyRouted(exchange);
		ServerHttpRequest withId = original.mutate()
			.headers((headers) -> headers.set(VaultHeaders.COFFER_REQUEST_ID, requestId))
			.build();
		ServerHttpRequest once = new ServerHttpRequestDecorator(withId) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnSubscribe((subscription) -> bodyRead.set(true));
			}
		};
		return chain.filter(exchange.mutate().request(once).build())
			.onErrorMap((error) -> !bodyRead.get() && ConnectFailures.isConnectFailure(error),
					(error) -> NotExecutedException.unreachable(node, error))
			.then(Mono
				.fromRunnable(() -> ClusterRoutingFilter.takeAclEpoch(this.allowCache, exchange.getResponse(), node)));
	}

}
