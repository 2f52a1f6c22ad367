package io.coffer.gateway.identity;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.common.identity.IdentitySigner;
import io.coffer.gateway.web.RequestIds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The internal identity every request to a node carries (docs/identity.md).
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

	/** The gateway's signing key pair, loaded (or generated) once. */
	@Bean
	public IdentityKeys identityKeys(IdentityProperties properties, SecureRandom secureRandom) {
		return new IdentityKeys(SigningKeys.loadOrGenerate(properties.signingKey(), secureRandom));
	}

	@Bean
	public NodeRequestHeaders nodeRequestHeaders(IdentityKeys identityKeys, Clock clock, RequestIds requestIds) {
		return new NodeRequestHeaders(new IdentitySigner(identityKeys.pair(), clock), clock, requestIds);
	}

	@Bean
	public OwnerIdentities ownerIdentities(IdentityKeys identityKeys, Clock clock, RequestIds requestIds) {
		return new OwnerIdentities(identityKeys.pair(), clock, requestIds::next);
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
