package io.coffer.gateway.proxy;

import java.net.URI;

import io.coffer.common.VaultHeaders;
import io.coffer.gateway.cluster.NodeUrls;
import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * A client request whose body has been read, ready to be sent to one node and, if that
 * node cannot have executed it, to another.
 *
 * @param exchange the client's exchange
 * @param body the whole request body
 * @param requestId the id every attempt carries, so all nodes log the same one
 */
record ForwardedRequest(ServerWebExchange exchange, byte[] body, String requestId) {

	/** Points the gateway's routing at {@code node} and returns the exchange to send. */
	ServerWebExchange to(URI node) {
		ServerHttpRequest original = this.exchange.getRequest();
		URI target = NodeUrls.resolve(node, original.getURI().getRawPath(), original.getURI().getRawQuery());
		this.exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
		ServerWebExchangeUtils.removeAlreadyRouted(this.exchange);
		ServerHttpRequest withHeaders = original.mutate().headers(this::prepareHeaders).build();
		return this.exchange.mutate().request(new ReplayableBody(withHeaders)).build();
	}

	private void prepareHeaders(HttpHeaders headers) {
		headers.set(VaultHeaders.COFFER_REQUEST_ID, this.requestId);
		if (this.body.length > 0) {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(this.body.length);
		}
	}

	/** Serves the buffered body afresh to every subscriber (one per attempt). */
	private final class ReplayableBody extends ServerHttpRequestDecorator {

		ReplayableBody(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			byte[] bytes = ForwardedRequest.this.body;
			if (bytes.length == 0) {
				return Flux.empty();
			}
			return Flux.defer(() -> Flux.just(exchange().getResponse().bufferFactory().wrap(bytes)));
		}

	}

}
