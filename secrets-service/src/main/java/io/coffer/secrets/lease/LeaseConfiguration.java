package io.coffer.secrets.lease;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's lease-service client: the URLs of {@code coffer.lease.urls}, and the node's
 * own identity for calling them, signed with the key pair at
 * {@code coffer.identity.signing-key} (PEM, the public key beside it as
 * {@code <name>.pub.pem}) under the caller name {@value #NODE_CALLER}. With URLs but no
 * key the node does not start: it could not call them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseProperties.class)
class LeaseConfiguration {

	/** The caller name the nodes sign with, as lease-service lists them. */
	static final String NODE_CALLER = "secrets";

	@Bean
	LeaseServiceClient leaseServiceClient(LeaseProperties settings,
			@Value("${coffer.identity.signing-key:}") String signingKey, Clock clock, ObjectProvider<JsonMapper> json) {
		JsonMapper mapper = json.getIfAvailable(() -> JsonMapper.builder().build());
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.build();
		if (settings.urls().isEmpty()) {
			return new LeaseServiceClient(http, null, settings, mapper);
		}
		if (signingKey.isBlank()) {
			throw new IllegalStateException("coffer.lease.urls is set but coffer.identity.signing-key is not: "
					+ "the node signs its calls to lease-service with its own key (docs/identity.md)");
		}
		IdentitySigner signer = new IdentitySigner(IdentityKeyFiles.readPair(Path.of(signingKey)), clock, NODE_CALLER);
		return new LeaseServiceClient(http, signer, settings, mapper);
	}

}
