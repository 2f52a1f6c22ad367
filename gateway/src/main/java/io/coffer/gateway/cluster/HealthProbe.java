package io.coffer.gateway.cluster;

import java.net.URI;
import java.time.Duration;

import io.coffer.common.authorize.AclEpoch;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks one node's {@code sys/health} for its state. Only the status code matters (Vault
 * sends the same body for every code), and the node's ACL epoch header.
 */
public class HealthProbe {

	private final WebClient client;

	private final Duration timeout;

	public HealthProbe(WebClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	public Mono<NodeStatus> probe(URI node) {
		return this.client.get()
			.uri(NodeUrls.resolve(node, "/v1/sys/health", null))
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(new NodeStatus(node, NodeState.fromHealthCode(response.statusCode().value()),
						response.headers().asHttpHeaders().getFirst(AclEpoch.HEADER))))
			.timeout(this.timeout)
			.onErrorReturn(new NodeStatus(node, NodeState.UNREACHABLE));
	}

}
