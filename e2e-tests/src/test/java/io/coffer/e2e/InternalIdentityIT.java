package io.coffer.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes serve only the gateway: a call straight to a node's port is refused unless it is
 * one of the node's own unauthenticated endpoints, while the same call through the
 * gateway (which sends its signed internal identity with every request) works.
 */
class InternalIdentityIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	@Test
	void aLogicalCallStraightToTheActiveNodeIsRefusedButWorksThroughTheGateway() {
		String token = coffer.cluster().rootToken();
		VaultHttp gateway = coffer.cluster().http();
		VaultHttp activeNode = new VaultHttp(coffer.cluster().activeNode().baseUri());
		assertThat(gateway.post("secret/data/identity/direct", Map.of("data", Map.of("k", "v")), token).status())
			.isEqualTo(200);

		VaultReply direct = activeNode.get("secret/data/identity/direct", token);
		VaultReply directList = activeNode.list("secret/metadata/identity", token);
		VaultReply directWrite = activeNode.post("secret/data/identity/direct", Map.of("data", Map.of("k", "x")),
				token);
		VaultReply proxied = gateway.get("secret/data/identity/direct", token);

		for (VaultReply refused : new VaultReply[] { direct, directList, directWrite }) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.json().get("errors").get(0).asString())
				.isEqualTo("missing or invalid internal identity");
			assertThat(refused.body()).doesNotContain("\"k\"");
		}
		assertThat(proxied.status()).isEqualTo(200);
		assertThat(proxied.json().get("data").get("data").get("k").asString()).isEqualTo("v");
	}

	@Test
	void everyNodesOwnHealthAndSealStatusAnswerWithoutIdentity() {
		for (ServiceProcess node : coffer.cluster().nodes()) {
			VaultHttp direct = new VaultHttp(node.baseUri());
			assertThat(direct.get("sys/health", null).status()).isIn(200, 429);
			assertThat(direct.get("sys/seal-status", null).json().get("sealed").asBoolean()).isFalse();
			assertThat(direct.statusOf(node.baseUri().resolve("/actuator/prometheus"))).isEqualTo(200);
		}
	}

	@Test
	void anIdentityHeaderFromAClientIsReplacedByTheGateway() throws Exception {
		assertThat(coffer.cluster()
			.http()
			.post("secret/data/identity/forged", Map.of("data", Map.of("k", "v")), coffer.cluster().rootToken())
			.status()).isEqualTo(200);
		URI uri = coffer.cluster().gatewayUri().resolve("/v1/secret/data/identity/forged");
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("X-Vault-Token", coffer.cluster().rootToken())
			.header("X-Coffer-Identity", "eyJhbGciOiJub25lIn0.eyJpc3MiOiJjb2ZmZXItZ2F0ZXdheSJ9.")
			.GET()
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
