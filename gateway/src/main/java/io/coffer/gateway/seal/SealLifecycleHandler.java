package io.coffer.gateway.seal;

import java.util.function.Function;

import io.coffer.gateway.identity.ClientAddressFilter;
import io.coffer.gateway.web.ForwardedHeaders;
import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP side of {@code PUT|POST sys/unseal} and {@code PUT|POST sys/seal}: turns the
 * client request into a {@link NodeCall} and the chosen node's answer into the response.
 */
public class SealLifecycleHandler {

	private final SealFanOut fanOut;

	private final RequestBodyReader bodyReader;

	private final RequestIds requestIds;

	public SealLifecycleHandler(SealFanOut fanOut, RequestBodyReader bodyReader, RequestIds requestIds) {
		this.fanOut = fanOut;
		this.bodyReader = bodyReader;
		this.requestIds = requestIds;
	}

	public Mono<ServerResponse> unseal(ServerRequest request) {
		return handle(request, this.fanOut::unseal);
	}

	public Mono<ServerResponse> seal(ServerRequest request) {
		return handle(request, this.fanOut::seal);
	}

	private Mono<ServerResponse> handle(ServerRequest request, Function<NodeCall, Mono<NodeReply>> action) {
		return this.bodyReader.read(request.bodyToFlux(DataBuffer.class))
			.map((body) -> new NodeCall(request.method(), request.uri().getRawPath(), request.uri().getRawQuery(),
					ForwardedHeaders.toNode(request.headers().asHttpHeaders(), this.requestIds.next()), body,
					(String) request.attribute(ClientAddressFilter.ATTRIBUTE).orElse(null)))
			.flatMap(action)
			.flatMap(SealLifecycleHandler::respond);
	}

	private static Mono<ServerResponse> respond(NodeReply reply) {
		ServerResponse.BodyBuilder response = ServerResponse.status(reply.status())
			.headers((headers) -> headers.addAll(ForwardedHeaders.toClient(reply.headers())));
		return (reply.body().length == 0) ? response.build() : response.bodyValue(reply.body());
	}

}
