package io.coffer.gateway.proxy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.gateway.authorize.Authorization;
import io.coffer.gateway.authorize.NodeAnswer;
import io.coffer.gateway.authorize.OwnerAuthorization;
import io.coffer.gateway.cluster.ConnectFailures;
import io.coffer.gateway.config.RetryPolicy;
import io.coffer.gateway.error.OwnerUnavailableException;
import io.coffer.gateway.identity.InternalIdentityFilter;
import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Route filter of every logical Vault request: looks the path up in the
 * {@link RouteTable} and sends the request to the service that serves it. Paths of the
 * secrets nodes (every path while no other service is deployed) go through the
 * {@link ClusterRoutingFilter} exactly as before. A request for another service is first
 * authorized by the active secrets node ({@link OwnerAuthorization}); only an allowed one
 * is forwarded, carrying an identity signed for that service with the caller's
 * authorization and without the Vault token. Its base URLs are tried in order while the
 * connect fails and the owner's {@link RetryPolicy} allows it; nothing that may have run
 * is sent again.
 */
public class OwnerRoutingFilter implements GatewayFilter {

	/** The headers of a node's rate-limit refusal that reach the client. */
	private static final List<String> RATE_LIMIT_HEADERS = List.of("Retry-After", "X-RateLimit-Limit",
			"X-RateLimit-Remaining", "X-RateLimit-Reset");

	private final RouteTable table;

	private final ClusterRoutingFilter secrets;

	private final OwnerAuthorization authorization;

	private final RequestBodyReader bodyReader;

	private final RequestIds requestIds;

	private final OwnerMetrics metrics;

	public OwnerRoutingFilter(RouteTable table, ClusterRoutingFilter secrets, OwnerAuthorization authorization,
			RequestBodyReader bodyReader, RequestIds requestIds, OwnerMetrics metrics) {
		this.table = table;
		this.secrets = secrets;
		this.authorization = authorization;
		this.bodyReader = bodyReader;
		this.requestIds = requestIds;
		this.metrics = metrics;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String path = VaultPaths.of(exchange.getRequest());
		Owner owner = this.table.routeFor(path);
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return route(exchange, chain, path, owner).doOnSuccess(
					(done) -> this.metrics.record(owner.name(), exchange.getResponse().getStatusCode(), false, start))
				.doOnError((error) -> this.metrics.record(owner.name(), null, true, start));
		});
	}

	private Mono<Void> route(ServerWebExchange exchange, GatewayFilterChain chain, String path, Owner owner) {
		if (owner.isSecrets()) {
			return this.secrets.filter(exchange, chain);
		}
		return this.bodyReader.read(exchange.getRequest().getBody()).flatMap((body) -> {
			ForwardedRequest request = new ForwardedRequest(exchange, body, this.requestIds.next());
			return this.authorization.authorize(exchange, owner.name(), path, body, request.requestId())
				.flatMap((outcome) -> switch (outcome) {
					case Authorization.Allowed allowed -> {
						addOnCommit(exchange.getResponse(), allowed.rateLimitHeaders());
						yield forward(request, chain, owner, allowed.identity(), 0);
					}
					case Authorization.Relayed relayed -> relay(exchange.getResponse(), relayed.answer());
				});
		});
	}

	private Mono<Void> forward(ForwardedRequest request, GatewayFilterChain chain, Owner owner, String identity,
			int index) {
		URI base = owner.urls().get(index);
		ServerWebExchange exchange = request.exchange();
		exchange.getAttributes().put(InternalIdentityFilter.OWNER_IDENTITY, identity);
		return chain.filter(request.to(base)).onErrorResume(ConnectFailures::isConnectFailure, (error) -> {
			if (owner.retry() == RetryPolicy.CONNECT_FAILURES && index + 1 < owner.urls().size()) {
				this.metrics.retried(owner.name());
				return forward(request, chain, owner, identity, index + 1);
			}
			return Mono.error(new OwnerUnavailableException(owner.name(), error));
		}).then(Mono.fromRunnable(() -> exchange.getResponse().getHeaders().remove(AclEpoch.HEADER)));
	}

	/**
	 * Vault's {@code X-RateLimit-*} headers of the decision (when the path's quota asks
	 * for them) on the service's answer, as a node adds them to its own answers.
	 */
	private static void addOnCommit(ServerHttpResponse response, Map<String, String> headers) {
		if (!headers.isEmpty()) {
			response.beforeCommit(() -> Mono.fromRunnable(() -> headers.forEach(response.getHeaders()::set)));
		}
	}

	/**
	 * The node's own answer to the authorization (sealed, bad request, a rate-limit 429
	 * with its {@code Retry-After} and {@code X-RateLimit-*} headers), as it is.
	 */
	private static Mono<Void> relay(ServerHttpResponse response, NodeAnswer answer) {
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		MediaType type = answer.headers().getContentType();
		if (type != null) {
			response.getHeaders().setContentType(type);
		}
		for (String header : RATE_LIMIT_HEADERS) {
			String value = answer.headers().getFirst(header);
			if (value != null) {
				response.getHeaders().set(header, value);
			}
		}
		if (answer.body().length == 0) {
			return response.setComplete();
		}
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
	}

}
