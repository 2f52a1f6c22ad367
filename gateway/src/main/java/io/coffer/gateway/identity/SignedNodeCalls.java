package io.coffer.gateway.identity;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Signs the requests the gateway sends to nodes itself (seal fan-out, health probes):
 * each call, including a repeated one, carries its own fresh identity.
 */
public class SignedNodeCalls implements ExchangeFilterFunction {

	private final NodeRequestHeaders headers;

	private final RequestIds requestIds;

	public SignedNodeCalls(NodeRequestHeaders headers, RequestIds requestIds) {
		this.headers = headers;
		this.requestIds = requestIds;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			String requestId = request.headers().getFirst(VaultHeaders.COFFER_REQUEST_ID);
			String id = (requestId != null) ? requestId : this.requestIds.next();
			return next
				.exchange(ClientRequest.from(request).headers((headers) -> this.headers.prepare(headers, id)).build());
		});
	}

}
