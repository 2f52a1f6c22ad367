package io.coffer.gateway.proxy;

import io.coffer.gateway.authorize.AllowCache;
import io.coffer.gateway.authorize.OwnerAuthorization;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.config.CofferGatewayProperties;
import io.coffer.gateway.config.RouteTableProperties;
import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.StreamedBodies;
import io.coffer.gateway.web.RequestIds;

import org.springframework.http.HttpMethod;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Vault API routes. They are built in Java because their target is not a fixed URI:
 * {@link OwnerRoutingFilter} picks the owning service by the {@link RouteTable} and
 * {@link ClusterRoutingFilter} the secrets node for each attempt. The route URI
 * {@code no://op} is never used to send anything.
 */
@Configuration(proxyBeanMethods = false)
public class ProxyRoutesConfiguration {

	/**
	 * A node's own endpoints, which every node answers for itself; they belong to the
	 * secrets nodes whatever the route table says.
	 */
	static final String[] NODE_LOCAL_PATHS = { "/v1/sys/init", "/v1/sys/seal-status", "/v1/sys/leader",
			"/v1/sys/health" };

	@Bean
	public RouteTable routeTable(CofferGatewayProperties gateway, RouteTableProperties routes) {
		return RouteTable.of(gateway.nodes(), routes);
	}

	@Bean
	public RouteLocator secretsNodeRoutes(RouteLocatorBuilder builder, NodeRouter nodeRouter,
			RequestBodyReader requestBodyReader, RequestIds requestIds, CofferGatewayProperties properties,
			RouteTable routeTable, OwnerAuthorization ownerAuthorization, AllowCache allowCache) {
		ClusterRoutingFilter anyReachable = new ClusterRoutingFilter(nodeRouter, TargetPolicy.ANY_REACHABLE,
				requestBodyReader, requestIds, allowCache);
		ClusterRoutingFilter active = new ClusterRoutingFilter(nodeRouter, TargetPolicy.ACTIVE, requestBodyReader,
				requestIds, allowCache);
		OwnerRoutingFilter byOwner = new OwnerRoutingFilter(routeTable, active, ownerAuthorization, requestBodyReader,
				requestIds);
		long connectMillis = properties.connectTimeout().toMillis();
		long responseMillis = properties.responseTimeout().toMillis();
		StreamingRoutingFilter streaming = new StreamingRoutingFilter(nodeRouter, requestIds, allowCache);
		return builder.routes()
			.route("snapshot-restore",
					(route) -> route.order(-1)
						.path(StreamedBodies.PATHS)
						.and()
						.method(HttpMethod.POST, HttpMethod.PUT)
						.filters((filters) -> filters.filter(streaming, ClusterRoutingFilter.ORDER))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectMillis)
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.restoreTimeout().toMillis())
						.uri("no://op"))
			.route("secrets-node-local",
					(route) -> route.order(0)
						.path(NODE_LOCAL_PATHS)
						.filters((filters) -> filters.filter(anyReachable, ClusterRoutingFilter.ORDER))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectMillis)
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseMillis)
						.uri("no://op"))
			.route("by-owner",
					(route) -> route.order(1)
						.path("/v1/**")
						.filters((filters) -> filters.filter(byOwner, ClusterRoutingFilter.ORDER))
						.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectMillis)
						.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseMillis)
						.uri("no://op"))
			.build();
	}

}
