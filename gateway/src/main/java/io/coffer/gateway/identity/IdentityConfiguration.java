package io.coffer.gateway.identity;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentitySigner;
import io.coffer.gateway.web.RequestIds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The internal identity every request to a node carries (docs/identity.md).
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

	@Bean
	public NodeRequestHeaders nodeRequestHeaders(IdentityProperties properties, SecureRandom secureRandom, Clock clock,
			RequestIds requestIds) {
		return new NodeRequestHeaders(
				new IdentitySigner(SigningKeys.loadOrGenerate(properties.signingKey(), secureRandom), clock,
						InternalIdentity.GATEWAY),
				clock, requestIds);
	}

	@Bean
	public ClientAddressFilter clientAddressFilter(ForwardedForProperties properties) {
		return new ClientAddressFilter(new ClientAddresses(properties));
	}

	@Bean
	public InternalIdentityFilter internalIdentityFilter(NodeRequestHeaders nodeRequestHeaders, RequestIds requestIds) {
		return new InternalIdentityFilter(nodeRequestHeaders, requestIds);
	}

	@Bean
	public SignedNodeCalls signedNodeCalls(NodeRequestHeaders nodeRequestHeaders, RequestIds requestIds) {
		return new SignedNodeCalls(nodeRequestHeaders, requestIds);
	}

}
