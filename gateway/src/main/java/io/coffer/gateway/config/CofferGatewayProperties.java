package io.coffer.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway under {@code coffer.gateway}.
 *
 * @param nodes base URLs of the secrets nodes, in preference order
 * @param healthInterval how often every node's {@code sys/health} is polled in the
 * background
 * @param probeTimeout how long one health probe may take before the node counts as
 * unreachable
 * @param failoverBudget how long a request may wait for an active node (failover) before
 * the client gets {@code 503 no active Vault instance found}
 * @param retryInterval pause between two attempts while waiting for an active node
 * @param connectTimeout TCP connect timeout towards a node; a refused or timed-out
 * connect is the only transport error that is retried
 * @param responseTimeout how long a request sent to a node may wait for the response
 * headers; it is not retried after that (its outcome is unknown)
 * @param maxRequestSize largest accepted request body (Vault's limit is 32 MiB); a
 * snapshot to restore is streamed and not limited
 * @param restoreTimeout how long a snapshot restore may wait for the active node's answer
 * (it answers once a majority installed the snapshot)
 */
@ConfigurationProperties("coffer.gateway")
public record CofferGatewayProperties(@DefaultValue( {
		"http://127.0.0.1:8210", "http://127.0.0.1:8211", "http://127.0.0.1:8212" }) List<URI> nodes,
		@DefaultValue("500ms") Duration healthInterval, @DefaultValue("1s") Duration probeTimeout,
		@DefaultValue("15s") Duration failoverBudget, @DefaultValue("200ms") Duration retryInterval,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("60s") Duration responseTimeout,
		@DefaultValue("32MB") DataSize maxRequestSize, @DefaultValue("15m") Duration restoreTimeout){

	public CofferGatewayProperties {
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("coffer.gateway.nodes must name at least one secrets node");
		}
		nodes = List.copyOf(nodes);
	}

}
