package io.coffer.gateway.cluster;

import java.time.Clock;

import io.coffer.gateway.config.CofferGatewayProperties;
import io.coffer.gateway.identity.SignedNodeCalls;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Node discovery and the failover retry.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

	/** Name of the Resilience4j retry (its metrics are tagged with it). */
	public static final String FAILOVER_RETRY = "secrets-failover";

	/** The gateway's own calls to nodes (health probes, seal fan-out), each signed. */
	@Bean
	public WebClient nodeWebClient(CofferGatewayProperties properties, SignedNodeCalls signedNodeCalls) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.responseTimeout(properties.responseTimeout());
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.filter(signedNodeCalls)
			.build();
	}

	@Bean
	public ClusterMonitor clusterMonitor(CofferGatewayProperties properties, WebClient nodeWebClient) {
		HealthProbe probe = new HealthProbe(nodeWebClient, properties.probeTimeout());
		return new ClusterMonitor(properties.nodes(), probe, properties.healthInterval());
	}

	@Bean
	public NodeRouter nodeRouter(ClusterMonitor clusterMonitor, RetryRegistry retryRegistry, Clock clock,
			CofferGatewayProperties properties) {
		// The budget is enforced by a deadline in NodeRouter; the attempt count is only a
		// ceiling that the deadline always reaches first.
		long attempts = properties.failoverBudget().toMillis() / Math.max(1, properties.retryInterval().toMillis()) + 2;
		RetryConfig config = RetryConfig.custom()
			.maxAttempts((int) Math.min(attempts, 10_000))
			.waitDuration(properties.retryInterval())
			.retryExceptions(NotExecutedException.class)
			.build();
		Retry retry = retryRegistry.retry(FAILOVER_RETRY, config);
		return new NodeRouter(clusterMonitor, retry, clock, properties.failoverBudget());
	}

}
