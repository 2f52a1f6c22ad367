package io.coffer.gateway.authorize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.gateway.cluster.ClusterMonitor;
import io.coffer.gateway.error.PermissionDeniedException;
import io.coffer.gateway.identity.ClientAddressFilter;
import io.coffer.gateway.identity.NodeRequestHeaders;
import io.coffer.gateway.identity.OwnerIdentities;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Authorizes a request for a service other than the secrets nodes before it is forwarded:
 * from the {@link AllowCache} while an active node is known, else by asking the active
 * node ({@link AuthorizeClient}). An allowed request gets an identity signed for the
 * service with the caller's authorization ({@link OwnerIdentities}); a denied one fails
 * with {@link PermissionDeniedException} (Vault's 403); anything else the node answers
 * (sealed, bad request) is relayed to the client as it is.
 */
public class OwnerAuthorization {

	private final AuthorizeClient client;

	private final AllowCache cache;

	private final OwnerIdentities identities;

	private final ClusterMonitor monitor;

	private final JsonMapper json;

	public OwnerAuthorization(AuthorizeClient client, AllowCache cache, OwnerIdentities identities,
			ClusterMonitor monitor, JsonMapper json) {
		this.client = client;
		this.cache = cache;
		this.identities = identities;
		this.monitor = monitor;
		this.json = json;
	}

	/**
	 * Authorizes one request.
	 * @param owner the service the request is for
	 * @param path its decoded path below {@code /v1/}
	 * @param body its whole body
	 * @param requestId its request id
	 */
	public Mono<Authorization> authorize(ServerWebExchange exchange, String owner, String path, byte[] body,
			String requestId) {
		return Mono.defer(() -> {
			ServerHttpRequest request = exchange.getRequest();
			String address = exchange.getAttribute(ClientAddressFilter.ATTRIBUTE);
			String token = NodeRequestHeaders.clientToken(request.getHeaders());
			VaultOperation operation = VaultOperation.of(request, body, this.json);
			String key = AllowCache.key(token, path, operation.name(), address, request.getURI().getRawQuery(), body);
			if (this.monitor.current().active().isPresent()) {
				Optional<String> cached = this.cache.get(key);
				if (cached.isPresent()) {
					return Mono.just(new Authorization.Allowed(cached.get()));
				}
			}
			long generation = this.cache.generation();
			AuthorizeRequest question = new AuthorizeRequest(token, path, operation.name(), operation.data());
			return this.client.ask(question, address, requestId)
				.map((answer) -> decide(answer, new Pending(owner, address, key, generation)));
		});
	}

	private Authorization decide(NodeAnswer answer, Pending pending) {
		if (answer.status() != 200) {
			return new Authorization.Relayed(answer);
		}
		AuthorizeDecision decision = this.json.readValue(answer.body(), AuthorizeDecision.class);
		if (!decision.aclEpoch().isEmpty()) {
			this.cache.observe(answer.node(), decision.aclEpoch());
		}
		if (!decision.allowed()) {
			throw new PermissionDeniedException();
		}
		String identity = this.identities.sign(pending.owner(), pending.address(), decision);
		// The epoch at the answer's commit differs from the one read before deciding when
		// something changed meanwhile: such a decision is used once, never cached.
		String committed = answer.headers().getFirst(AclEpoch.HEADER);
		if (decision.cacheable() && (committed == null || committed.equals(decision.aclEpoch()))) {
			this.cache.put(pending.key(), identity, decision.ttl(), pending.generation());
		}
		return new Authorization.Allowed(identity, rateLimitHeaders(answer));
	}

	private static Map<String, String> rateLimitHeaders(NodeAnswer answer) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header : Authorization.Allowed.RATE_LIMIT_HEADERS) {
			String value = answer.headers().getFirst(header);
			if (value != null) {
				headers.put(header, value);
			}
		}
		return headers;
	}

	/** What a decision is stored under, carried across the call to the node. */
	private record Pending(String owner, String address, String key, long generation) {

	}

}
