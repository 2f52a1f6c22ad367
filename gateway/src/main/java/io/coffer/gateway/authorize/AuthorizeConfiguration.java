package io.coffer.gateway.authorize;

import java.time.Clock;

import io.coffer.gateway.cluster.ClusterMonitor;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.config.RouteTableProperties;
import io.coffer.gateway.identity.OwnerIdentities;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Authorization of requests for the services other than the secrets nodes.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizeConfiguration {

	@Bean
	public AllowCache allowCache(RouteTableProperties properties, Clock clock, ClusterMonitor clusterMonitor) {
		AllowCache cache = new AllowCache(clock, properties.allowCacheTtl(), properties.allowCacheSize());
		clusterMonitor.addListener(cache::observe);
		return cache;
	}

	/** The question to the active node, for owner routes and the gateway's own paths. */
	@Bean
	public AuthorizeClient authorizeClient(WebClient nodeWebClient, NodeRouter nodeRouter, JsonMapper jsonMapper) {
		return new AuthorizeClient(nodeWebClient, nodeRouter, jsonMapper);
	}

	@Bean
	public OwnerAuthorization ownerAuthorization(AuthorizeClient authorizeClient, AllowCache allowCache,
			OwnerIdentities ownerIdentities, ClusterMonitor clusterMonitor, JsonMapper jsonMapper) {
		return new OwnerAuthorization(authorizeClient, allowCache, ownerIdentities, clusterMonitor, jsonMapper);
	}

}
