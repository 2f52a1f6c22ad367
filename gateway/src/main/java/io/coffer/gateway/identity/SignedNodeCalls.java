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
 * each call carries the gateway's current identity for the client it is made for
 * ({@link #CLIENT_ADDRESS}), or for no client.
 */
public class SignedNodeCalls implements ExchangeFilterFunction {

	/**
	 * Request attribute naming the client a call is made for (the seal fan-out); calls
	 * without it (health probes) speak for no client.
	 */
	public static final String CLIENT_ADDRESS = SignedNodeCalls.class.getName() + ".clientAddress";

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
			String clientAddress = (String) request.attribute(CLIENT_ADDRESS).orElse(null);
			return next.exchange(ClientRequest.from(request)
				.headers((headers) -> this.headers.prepare(headers, id, clientAddress))
				.build());
		});
	}

}
