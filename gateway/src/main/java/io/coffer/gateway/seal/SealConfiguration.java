package io.coffer.gateway.seal;

import io.coffer.gateway.cluster.ClusterMonitor;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.RequestIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code PUT|POST sys/unseal} and {@code sys/seal} are the gateway's own endpoints.
 * WebFlux consults router functions before Spring Cloud Gateway's routes, so these win
 * over the proxy route for the same paths; their other methods still go to the active
 * node.
 */
@Configuration(proxyBeanMethods = false)
public class SealConfiguration {

	@Bean
	public SealFanOut sealFanOut(ClusterMonitor clusterMonitor, NodeRouter nodeRouter, WebClient nodeWebClient,
			JsonMapper jsonMapper) {
		return new SealFanOut(clusterMonitor, nodeRouter, new NodeClient(nodeWebClient),
				new SealStatusReader(jsonMapper));
	}

	@Bean
	public RouterFunction<ServerResponse> sealRoutes(SealFanOut sealFanOut, RequestBodyReader requestBodyReader,
			RequestIds requestIds) {
		SealLifecycleHandler handler = new SealLifecycleHandler(sealFanOut, requestBodyReader, requestIds);
		return RouterFunctions.route()
			.route(RequestPredicates.path("/v1/sys/unseal")
				.and(RequestPredicates.methods(HttpMethod.PUT, HttpMethod.POST)), handler::unseal)
			.route(RequestPredicates.path("/v1/sys/seal")
				.and(RequestPredicates.methods(HttpMethod.PUT, HttpMethod.POST)), handler::seal)
			.build();
	}

}
