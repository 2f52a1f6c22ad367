package io.coffer.gateway.seal;

import java.net.URI;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.cluster.ConnectFailures;
import io.coffer.gateway.cluster.NodeUrls;
import io.coffer.gateway.cluster.NotExecutedException;
import io.coffer.gateway.identity.SignedNodeCalls;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends a {@link NodeCall} to one node and reads the whole answer. A refused connection
 * and a standby's refusal become {@link NotExecutedException}, like on the proxy path.
 */
public class NodeClient {

	private static final byte[] EMPTY = new byte[0];

	private final WebClient client;

	public NodeClient(WebClient client) {
		this.client = client;
	}

	public Mono<NodeReply> send(URI node, NodeCall call) {
		return this.client.method(call.method())
			.uri(NodeUrls.resolve(node, call.rawPath(), call.rawQuery()))
			.headers((headers) -> headers.addAll(call.headers()))
			.attributes((attributes) -> {
				if (call.clientAddress() != null) {
					attributes.put(SignedNodeCalls.CLIENT_ADDRESS, call.clientAddress());
				}
			})
			.bodyValue(call.body())
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(EMPTY)
				.map((body) -> new NodeReply(node, response.statusCode().value(), response.headers().asHttpHeaders(),
						body)))
			.onErrorMap(ConnectFailures::isConnectFailure, (error) -> NotExecutedException.unreachable(node, error))
			.flatMap((reply) -> isStandbyRefusal(reply) ? Mono.error(NotExecutedException.standby(node))
					: Mono.just(reply));
	}

	private static boolean isStandbyRefusal(NodeReply reply) {
		return reply.status() == 503
				&& "true".equalsIgnoreCase(reply.headers().getFirst(VaultHeaders.COFFER_NOT_EXECUTED));
	}

}
