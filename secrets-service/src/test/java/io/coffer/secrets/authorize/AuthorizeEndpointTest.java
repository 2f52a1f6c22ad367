package io.coffer.secrets.authorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.http.InMemoryNodeConfiguration;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.TestIdentities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /internal/authorize} over real HTTP on one active node: the decision the
 * gateway asks for before forwarding to lease, audit or snapshot services, and the ACL
 * epoch that tells it when to forget earlier decisions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InMemoryNodeConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizeEndpointTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	NodeClient root;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void unsealed() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		this.root.call("PUT", "sys/policies/acl/lease-reader",
				Map.of("policy", "path \"sys/leases/lookup\" { capabilities = [\"update\"] }\n"
						+ "path \"sys/leases/revoke-prefix/*\" { capabilities = [\"update\"] }"));
		this.root.call("PUT", "sys/policies/acl/lease-admin",
				Map.of("policy", "path \"sys/leases/revoke-prefix/*\" { capabilities = [\"update\", \"sudo\"] }"));
	}

	@Test
	void theRootTokenIsAllowedWithItsAuthorization() {
		Map<String, Object> decision = authorize(this.root.currentToken(), "sys/leases/lookup", "update");
		assertThat(decision).containsEntry("allowed", true)
			.containsEntry("policies", List.of("root"))
			.containsEntry("cacheable", true)
			.containsEntry("ttl", 0)
			.containsEntry("entity_id", "");
		assertThat((String) decision.get("accessor")).isNotBlank();
		assertThat((String) decision.get("acl_epoch")).isNotBlank();
	}

	@Test
	void policiesDecideTheOperation() {
		String token = token(Map.of("policies", List.of("lease-reader")));
		assertThat(authorize(token, "sys/leases/lookup", "update")).containsEntry("allowed", true)
			.containsEntry("policies", List.of("default", "lease-reader"));
		assertThat(authorize(token, "sys/leases/lookup", "delete")).containsEntry("allowed", false);
		assertThat(authorize(token, "sys/audit", "read")).containsEntry("allowed", false);
	}

	@Test
	void aMissingOrUnknownTokenIsDenied() {
		assertThat(authorize(null, "sys/leases/lookup", "update")).containsEntry("allowed", false);
		assertThat(authorize("hvs.nosuchtoken", "sys/leases/lookup", "update")).containsEntry("allowed", false)
			.doesNotContainKey("errors");
	}

	@Test
	void sudoPathsNeedSudo() {
		String withoutSudo = token(Map.of("policies", List.of("lease-reader")));
		String withSudo = token(Map.of("policies", List.of("lease-admin")));
		assertThat(authorize(withoutSudo, "sys/leases/revoke-prefix/db/creds", "update")).containsEntry("allowed",
				false);
		assertThat(authorize(withSudo, "sys/leases/revoke-prefix/db/creds", "update")).containsEntry("allowed", true);
	}

	@Test
	void aUseLimitedTokenSpendsAUsePerDecisionAndIsNeverCacheable() {
		String token = token(Map.of("policies", List.of("lease-reader"), "num_uses", 2));
		assertThat(authorize(token, "sys/leases/lookup", "update")).containsEntry("allowed", true)
			.containsEntry("cacheable", false);
		assertThat(authorize(token, "sys/leases/lookup", "update")).containsEntry("allowed", true)
			.containsEntry("cacheable", false);
		assertThat(authorize(token, "sys/leases/lookup", "update")).containsEntry("allowed", false);
	}

	@Test
	void onlyTheGatewaysIdentityMayAsk() {
		HttpResponse<String> anonymous = post(null, request("x", "sys/leases/lookup", "update"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readValue(anonymous.body(), Map.class))
			.isEqualTo(Map.of("errors", List.of(InternalIdentity.REFUSED)));
	}

	@Test
	void theEpochChangesWhenATokenIsRevokedOrAPolicyChanges() {
		String token = token(Map.of("policies", List.of("lease-reader")));
		String first = epoch();
		assertThat(epoch()).isEqualTo(first);

		NodeClient.Response revoked = this.root.call("POST", "auth/token/revoke", Map.of("token", token));
		assertThat(revoked.status()).isEqualTo(204);
		String afterRevocation = revoked.header(AclEpoch.HEADER);
		assertThat(afterRevocation).isNotEqualTo(first).isEqualTo(epoch());

		this.root.call("PUT", "sys/policies/acl/other", Map.of("policy", "path \"x\" { capabilities = [\"read\"] }"));
		assertThat(epoch()).isNotEqualTo(afterRevocation);
	}

	private String epoch() {
		return new NodeClient(this.root.base()).call("GET", "sys/health", null).header(AclEpoch.HEADER);
	}

	private String token(Map<String, Object> params) {
		NodeClient.Response created = this.root.call("POST", "auth/token/create", params);
		assertThat(created.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> auth = (Map<String, Object>) created.json().get("auth");
		return (String) auth.get("client_token");
	}

	private Map<String, Object> authorize(String token, String path, String operation) {
		HttpResponse<String> response = post(TestIdentities.valid(), request(token, path, operation));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue(AclEpoch.HEADER)).isPresent();
		@SuppressWarnings("unchecked")
		Map<String, Object> decision = JSON.readValue(response.body(), Map.class);
		return decision;
	}

	private HttpResponse<String> post(String identity, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root.base() + AuthorizeRequest.PATH))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (identity != null) {
			request.header(InternalIdentity.HEADER, identity);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String request(String token, String path, String operation) {
		return JSON.writeValueAsString(new AuthorizeRequest(token, path, operation, Map.of()));
	}

}
