package io.coffer.gateway.metrics;

import java.time.Clock;

import io.coffer.gateway.authorize.AuthorizeClient;
import io.coffer.gateway.web.RequestIds;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/sys/metrics} is the gateway's own endpoint: a router function, so it
 * wins over the proxy route (as {@code sys/seal} does); other methods on the path still
 * go to the active node.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean
	public RouterFunction<ServerResponse> sysMetricsRoute(AuthorizeClient authorizeClient,
			PrometheusMeterRegistry prometheusMeterRegistry, MetricsProperties metricsProperties, Clock clock,
			JsonMapper jsonMapper, RequestIds requestIds) {
		SysMetricsHandler handler = new SysMetricsHandler(authorizeClient, prometheusMeterRegistry, metricsProperties,
				new SysMetricsHandler.Support(clock, jsonMapper, requestIds));
		return RouterFunctions.route()
			.route(RequestPredicates.path("/v1/sys/metrics").and(RequestPredicates.method(HttpMethod.GET)),
					handler::metrics)
			.build();
	}

}
