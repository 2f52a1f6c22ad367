package io.coffer.gateway.authorize;

import io.coffer.common.VaultHeaders;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.gateway.cluster.ConnectFailures;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.cluster.NodeUrls;
import io.coffer.gateway.cluster.NotExecutedException;
import io.coffer.gateway.identity.SignedNodeCalls;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls {@code POST /internal/authorize} on the active secrets node, signed like every
 * node call, through {@link NodeRouter}: a standby's "not executed" answer or a refused
 * connect is sent again to the new active node within the failover budget, and when every
 * node is sealed the sealed node's answer comes back, as for any request.
 */
public class AuthorizeClient {

	private static final byte[] EMPTY = new byte[0];

	private final WebClient client;

	private final NodeRouter router;

	private final JsonMapper json;

	public AuthorizeClient(WebClient nodeWebClient, NodeRouter router, JsonMapper json) {
		this.client = nodeWebClient;
		this.router = router;
		this.json = json;
	}

	/**
	 * Asks the active node.
	 * @param clientAddress the client's address for the call's identity, or null
	 * @param requestId the client request's id, so the node logs the same one
	 */
	public Mono<NodeAnswer> ask(AuthorizeRequest request, String clientAddress, String requestId) {
		byte[] payload = this.json.writeValueAsBytes(request);
		return this.router.toActive((node) -> this.client.post()
			.uri(NodeUrls.resolve(node, AuthorizeRequest.PATH, null))
			.contentType(MediaType.APPLICATION_JSON)
			.header(VaultHeaders.COFFER_REQUEST_ID, requestId)
			.attributes((attributes) -> {
				if (clientAddress != null) {
					attributes.put(SignedNodeCalls.CLIENT_ADDRESS, clientAddress);
				}
			})
			.bodyValue(payload)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(EMPTY)
				.map((body) -> new NodeAnswer(node, response.statusCode().value(), response.headers().asHttpHeaders(),
						body)))
			.onErrorMap(ConnectFailures::isConnectFailure, (error) -> NotExecutedException.unreachable(node, error))
			.flatMap((answer) -> isStandbyRefusal(answer) ? Mono.error(NotExecutedException.standby(node))
					: Mono.just(answer)));
	}

	private static boolean isStandbyRefusal(NodeAnswer answer) {
		return answer.status() == 503
				&& "true".equalsIgnoreCase(answer.headers().getFirst(VaultHeaders.COFFER_NOT_EXECUTED));
	}

}
