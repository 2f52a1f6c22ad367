package io.coffer.secrets.wrapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.engine.cubbyhole.CubbyholeStore;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.SigningProxy;
import io.coffer.secrets.identity.TestIdentities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultWrappingOperations;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.VaultToken;
import org.springframework.vault.support.WrappedMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response wrapping and the cubbyhole over real HTTP on an unsealed node, with raw
 * requests and with Spring Vault's {@code VaultWrappingTemplate}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrappingApiTest {

	private static final String INVALID = "wrapping token is not valid or does not exist";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	CubbyholeStore cubbyholes;

	String rootToken;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void initUnsealAndWriteASecret() {
		NodeClient client = new NodeClient(base());
		NodeClient.Response init = client.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1));
		client.call("PUT", "sys/unseal", Map.of("key", ((List<String>) init.json().get("keys")).get(0)));
		client.awaitActive();
		this.rootToken = (String) init.json().get("root_token");
		assertThat(call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")),
				this.rootToken, null)
			.status()).isEqualTo(204);
		assertThat(call("POST", "secret/data/app", Map.of("data", Map.of("password", "hunter2")), this.rootToken, null)
			.status()).isEqualTo(200);
	}

	@Test
	void aWrappedKvReadUnwrapsOnceAndOnlyOnce() {
		Reply wrapped = call("GET", "secret/data/app", null, this.rootToken, "5m");
		assertThat(wrapped.status()).isEqualTo(200);
		assertThat(wrapped.body()).doesNotContain("hunter2");
		assertThat(wrapped.json()).containsEntry("data", null).containsEntry("auth", null);
		Map<String, Object> info = wrapped.map("wrap_info");
		assertThat(info).containsEntry("ttl", 300)
			.containsEntry("creation_path", "secret/data/app")
			.containsKeys("token", "accessor")
			.doesNotContainKey("wrapped_accessor");
		assertThat(Instant.parse((String) info.get("creation_time"))).isBefore(Instant.now().plusSeconds(1));
		String token = (String) info.get("token");

		Reply unwrapped = call("POST", "sys/wrapping/unwrap", null, token, null);
		assertThat(unwrapped.status()).isEqualTo(200);
		assertThat(unwrapped.json()).containsEntry("mount_type", "kv").containsEntry("wrap_info", null);
		assertThat(unwrapped.map("data").get("data")).isEqualTo(Map.of("password", "hunter2"));

		Reply again = call("POST", "sys/wrapping/unwrap", null, token, null);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.json()).isEqualTo(Map.of("errors", List.of(INVALID)));
	}

	@Test
	void lookupNeedsNoTokenAndAnotherTokenCanUnwrapByBody() {
		String token = wrapToken(Map.of("a", "b"), "90");
		Reply lookup = call("POST", "sys/wrapping/lookup", Map.of("token", token), null, null);
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(lookup.map("data")).containsEntry("creation_path", "sys/wrapping/wrap")
			.containsEntry("creation_ttl", 90)
			.containsKey("creation_time");
		assertThat(call("POST", "sys/wrapping/lookup", Map.of("token", "hvs.unknown"), null, null).json())
			.isEqualTo(Map.of("errors", List.of(INVALID)));

		String other = createToken(Map.of("policies", List.of("default")));
		Reply unwrapped = call("POST", "sys/wrapping/unwrap", Map.of("token", token), other, null);
		assertThat(unwrapped.status()).isEqualTo(200);
		assertThat(unwrapped.map("data")).isEqualTo(Map.of("a", "b"));
		assertThat(call("POST", "sys/wrapping/lookup", Map.of("token", token), null, null).status()).isEqualTo(400);
	}

	@Test
	void rewrapHandsTheResponseToANewTokenAndRetiresTheOld() {
		String first = wrapToken(Map.of("k", "v"), "10m");
		Reply rewrapped = call("POST", "sys/wrapping/rewrap", Map.of("token", first), this.rootToken, null);
		assertThat(rewrapped.status()).isEqualTo(200);
		assertThat(rewrapped.json()).containsEntry("data", null);
		assertThat(rewrapped.map("wrap_info")).containsEntry("ttl", 600)
			.containsEntry("creation_path", "sys/wrapping/wrap");
		String second = (String) rewrapped.map("wrap_info").get("token");
		assertThat(second).isNotEqualTo(first);
		assertThat(call("POST", "sys/wrapping/unwrap", null, first, null).status()).isEqualTo(400);
		assertThat(call("POST", "sys/wrapping/unwrap", null, second, null).map("data")).isEqualTo(Map.of("k", "v"));
	}

	@Test
	void badWrapTtlsAndMisuseAre400() {
		assertThat(call("GET", "secret/data/app", null, this.rootToken, "soon").status()).isEqualTo(400);
		assertThat(call("GET", "secret/data/app", null, this.rootToken, "-5").status()).isEqualTo(400);
		Reply unwrappedWrap = call("POST", "sys/wrapping/wrap", Map.of("a", "b"), this.rootToken, null);
		assertThat(unwrappedWrap.status()).isEqualTo(400);
		assertThat(unwrappedWrap.json())
			.isEqualTo(Map.of("errors", List.of("endpoint requires response wrapping to be used")));

		String token = wrapToken(Map.of("a", "b"), "60");
		Reply both = call("POST", "sys/wrapping/unwrap", Map.of("token", token), token, null);
		assertThat(both.status()).isEqualTo(400);
		// refused before anything was spent
		assertThat(call("POST", "sys/wrapping/unwrap", null, token, null).map("data")).isEqualTo(Map.of("a", "b"));
		assertThat(call("POST", "sys/wrapping/unwrap", null, this.rootToken, null).json())
			.isEqualTo(Map.of("errors", List.of(INVALID)));
	}

	@Test
	void aWrappedTokenCreationReportsTheWrappedAccessor() {
		Reply wrapped = call("POST", "auth/token/create", Map.of("policies", List.of("default")), this.rootToken, "60");
		String wrappedAccessor = (String) wrapped.map("wrap_info").get("wrapped_accessor");
		Reply unwrapped = call("POST", "sys/wrapping/unwrap", null, (String) wrapped.map("wrap_info").get("token"),
				null);
		assertThat(unwrapped.map("auth")).containsEntry("accessor", wrappedAccessor);
		String created = (String) unwrapped.map("auth").get("client_token");
		assertThat(call("GET", "auth/token/lookup-self", null, created, null).status()).isEqualTo(200);
	}

	@Test
	void aPolicyWithMaxWrappingTtlDemandsAWrapWithinIt() {
		assertThat(call("PUT", "sys/policy/wrapped-only", Map.of("policy", """
				path "secret/data/app" {
				  capabilities = ["read"]
				  max_wrapping_ttl = "1h"
				}
				"""), this.rootToken, null).status()).isEqualTo(204);
		String token = createToken(Map.of("policies", List.of("wrapped-only")));
		assertThat(call("GET", "secret/data/app", null, token, null).status()).isEqualTo(403);
		assertThat(call("GET", "secret/data/app", null, token, "2h").status()).isEqualTo(403);
		assertThat(call("GET", "secret/data/app", null, token, "30m").map("wrap_info")).containsEntry("ttl", 1800);
	}

	@Test
	void aCubbyholeIsPrivateToItsTokenAndGoesWithIt() {
		Reply createdA = call("POST", "auth/token/create", Map.of("policies", List.of("default")), this.rootToken,
				null);
		String tokenA = (String) createdA.map("auth").get("client_token");
		String accessorA = (String) createdA.map("auth").get("accessor");
		String tokenB = createToken(Map.of("policies", List.of("default")));
		assertThat(call("POST", "cubbyhole/notes/first", Map.of("text", "only mine"), tokenA, null).status())
			.isEqualTo(204);
		Reply read = call("GET", "cubbyhole/notes/first", null, tokenA, null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).containsEntry("lease_duration", 0).containsEntry("mount_type", "cubbyhole");
		assertThat(read.map("data")).isEqualTo(Map.of("text", "only mine"));
		assertThat(call("GET", "cubbyhole/?list=true", null, tokenA, null).map("data"))
			.isEqualTo(Map.of("keys", List.of("notes/")));

		assertThat(call("GET", "cubbyhole/notes/first", null, tokenB, null).status()).isEqualTo(404);
		assertThat(call("GET", "cubbyhole/notes/first", null, this.rootToken, null).status()).isEqualTo(404);
		assertThat(call("GET", "cubbyhole/?list=true", null, tokenB, null).status()).isEqualTo(404);

		assertThat(this.cubbyholes.list(accessorA, "")).containsExactly("notes/");
		assertThat(call("POST", "auth/token/revoke", Map.of("token", tokenA), this.rootToken, null).status())
			.isEqualTo(204);
		assertThat(this.cubbyholes.list(accessorA, "")).isEmpty();
		assertThat(call("GET", "cubbyhole/notes/first", null, tokenA, null).status()).isEqualTo(403);
	}

	@Test
	void theCubbyholeIsAlwaysMounted() {
		Map<String, Object> mounts = call("GET", "sys/mounts", null, this.rootToken, null).map("data");
		assertThat(mounts).containsKey("cubbyhole/");
		assertThat(mounts.get("cubbyhole/")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("type", "cubbyhole");
		assertThat(call("POST", "sys/mounts/cubbyhole", Map.of("type", "kv"), this.rootToken, null).status())
			.isEqualTo(400);
	}

	@Test
	void springVaultWrapsLooksUpRewrapsAndReads() throws java.io.IOException {
		try (SigningProxy gateway = new SigningProxy(base())) {
			springVaultFlows(new VaultTemplate(VaultEndpoint.from(URI.create(gateway.address())),
					new TokenAuthentication(this.rootToken)));
		}
	}

	private void springVaultFlows(VaultTemplate vault) {
		VaultWrappingOperations wrapping = vault.opsForWrapping();
		WrappedMetadata wrapped = wrapping.wrap(Map.of("username", "app", "password", "s3cr3t"), Duration.ofMinutes(5));
		assertThat(wrapped.getTtl()).isEqualTo(Duration.ofMinutes(5));
		assertThat(wrapped.getPath()).isEqualTo("sys/wrapping/wrap");
		assertThat(wrapped.getCreationTime()).isNotNull();

		WrappedMetadata looked = wrapping.lookup(wrapped.getToken());
		assertThat(looked).isNotNull();
		assertThat(looked.getPath()).isEqualTo("sys/wrapping/wrap");
		assertThat(looked.getTtl()).isEqualTo(Duration.ofMinutes(5));

		WrappedMetadata rewrapped = wrapping.rewrap(wrapped.getToken());
		assertThat(rewrapped.getToken().getToken()).isNotEqualTo(wrapped.getToken().getToken());
		assertThat(wrapping.read(wrapped.getToken())).isNull();
		assertThat(wrapping.lookup(wrapped.getToken())).isNull();

		VaultResponse response = wrapping.read(rewrapped.getToken());
		assertThat(response).isNotNull();
		assertThat(response.getData()).isEqualTo(Map.of("username", "app", "password", "s3cr3t"));
		assertThat(wrapping.read(rewrapped.getToken())).isNull();
		assertThat(wrapping.read(VaultToken.of("hvs.never-issued"))).isNull();
	}

	private String wrapToken(Map<String, Object> body, String ttl) {
		Reply wrapped = call("POST", "sys/wrapping/wrap", body, this.rootToken, ttl);
		assertThat(wrapped.status()).isEqualTo(200);
		return (String) wrapped.map("wrap_info").get("token");
	}

	private String createToken(Map<String, Object> body) {
		return (String) call("POST", "auth/token/create", body, this.rootToken, null).map("auth").get("client_token");
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private Reply call(String method, String path, Object body, String token, String wrapTtl) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/v1/" + path))
			.header("Content-Type", "application/json")
			.header(InternalIdentity.HEADER, TestIdentities.valid())
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("X-Vault-Token", token);
		}
		if (wrapTtl != null) {
			request.header("X-Vault-Wrap-TTL", wrapTtl);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Reply(int status, String body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> map(String field) {
			return (Map<String, Object>) json().get(field);
		}

	}

}
