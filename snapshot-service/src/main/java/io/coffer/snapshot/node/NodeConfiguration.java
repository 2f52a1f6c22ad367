package io.coffer.snapshot.node;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.snapshot.settings.SnapshotProperties;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import io.coffer.support.node.ActiveNodeCalls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The calls to the secrets nodes: signed with this service's own key
 * ({@code coffer.identity.signing-key}, caller {@code snapshot}) and sent to the nodes of
 * {@code coffer.snapshot.nodes}.
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

	@Bean
	IdentitySigner snapshotIdentitySigner(@Value("${coffer.identity.signing-key}") Path signingKey, Clock clock) {
		return new IdentitySigner(IdentityKeyFiles.readPair(signingKey), clock, SnapshotAutoPaths.CALLER);
	}

	@Bean
	NodeClient nodeClient(SnapshotProperties properties, IdentitySigner signer, JsonMapper json) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.nodeConnectTimeout())
			.build();
		return new NodeClient(new ActiveNodeCalls(properties.nodes(), http, signer, json), json,
				new NodeClient.Timeouts(properties.nodeTimeout(), properties.snapshotTimeout()));
	}

}
