package io.coffer.lease.node;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

import io.coffer.lease.config.LeaseProperties;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The calls to the secrets nodes: signed with this service's own key
 * ({@code coffer.identity.signing-key}, caller {@code lease}) and sent to the nodes of
 * {@code coffer.lease.nodes}.
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

	/** The caller name the nodes list lease-service under. */
	public static final String CALLER = "lease";

	@Bean
	IdentitySigner leaseIdentitySigner(@Value("${coffer.identity.signing-key}") Path signingKey, Clock clock) {
		return new IdentitySigner(IdentityKeyFiles.readPair(signingKey), clock, CALLER);
	}

	@Bean
	NodeClient nodeClient(LeaseProperties properties, IdentitySigner signer, JsonMapper json) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.nodeConnectTimeout())
			.build();
		return new NodeClient(properties.nodes(), http, signer, json, properties.nodeTimeout());
	}

	@Bean
	ResilientNode resilientNode(NodeClient client, LeaseProperties properties) {
		LeaseProperties.Revoke revoke = properties.revoke();
		return new ResilientNode(client, revoke.retryAttempts(), revoke.retryWait(), revoke.breakerOpen());
	}

}
