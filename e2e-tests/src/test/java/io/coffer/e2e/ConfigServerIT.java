package io.coffer.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.e2e.configserver.ConfigServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.core.VaultVersionedKeyValueTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Config Server, unchanged, with its Vault backend pointed at the gateway:
 * the properties it serves come from KV v2 secrets stored in Coffer, read at paths
 * containing commas ({@code myapp,dev}).
 */
class ConfigServerIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ConfigurableApplicationContext configServer;

	private static URI configServerUri;

	@BeforeAll
	static void storeSecretsAndStartConfigServer() {
		CofferCluster cluster = coffer.cluster();
		VaultVersionedKeyValueOperations kv = new VaultVersionedKeyValueTemplate(cluster.vaultTemplate(), "secret");
		kv.put("myapp", Map.of("greeting", "hello", "db.url", "jdbc:postgresql://db/myapp"));
		kv.put("myapp,dev", Map.of("greeting", "hello from dev"));
		kv.put("application", Map.of("shared.flag", "on"));

		configServer = new SpringApplicationBuilder(ConfigServerApplication.class).properties("server.port=0",
				"spring.profiles.active=vault", "spring.main.banner-mode=off",
				"spring.cloud.config.server.vault.host=127.0.0.1",
				"spring.cloud.config.server.vault.port=" + cluster.gatewayUri().getPort(),
				"spring.cloud.config.server.vault.scheme=http", "spring.cloud.config.server.vault.backend=secret",
				"spring.cloud.config.server.vault.kv-version=2",
				// Spring Cloud Vault and JDBC are on the test classpath for another
				// test: not this application's
				"spring.cloud.vault.enabled=false",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			.run();
		configServerUri = URI
			.create("http://127.0.0.1:" + configServer.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stopConfigServer() {
		if (configServer != null) {
			configServer.close();
		}
	}

	@Test
	void servesProfileApplicationAndSharedPropertiesFromCoffer() throws Exception {
		JsonNode environment = fetch("/myapp/dev", coffer.cluster().rootToken());

		assertThat(environment.get("name").asString()).isEqualTo("myapp");
		assertThat(sourceNames(environment)).containsExactly("vault:myapp,dev", "vault:myapp", "vault:application");
		JsonNode sources = environment.get("propertySources");
		assertThat(sources.get(0).get("source").get("greeting").asString()).isEqualTo("hello from dev");
		assertThat(sources.get(1).get("source").get("greeting").asString()).isEqualTo("hello");
		assertThat(sources.get(1).get("source").get("db.url").asString()).isEqualTo("jdbc:postgresql://db/myapp");
		assertThat(sources.get(2).get("source").get("shared.flag").asString()).isEqualTo("on");
	}

	@Test
	void defaultProfileSkipsProfileSpecificSecrets() throws Exception {
		JsonNode environment = fetch("/myapp/default", coffer.cluster().rootToken());

		assertThat(sourceNames(environment)).containsExactly("vault:myapp", "vault:application");
	}

	@Test
	void tokenWithoutAccessGetsNoSecrets() throws Exception {
		var response = send("/myapp/dev", "hvs.not-a-real-token-000000");

		assertThat(response.statusCode()).isNotEqualTo(200);
		assertThat(response.body()).doesNotContain("hello from dev");
	}

	private static JsonNode fetch(String path, String token) throws Exception {
		var response = send(path, token);
		assertThat(response.statusCode()).as("config server answer for %s", path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static java.net.http.HttpResponse<String> send(String path, String token) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(configServerUri.resolve(path))
				.header("X-Config-Token", token)
				.header("Accept", "application/json")
				.GET()
				.build();
			return client.send(request, BodyHandlers.ofString());
		}
	}

	private static List<String> sourceNames(JsonNode environment) {
		return environment.get("propertySources").valueStream().map((source) -> source.get("name").asString()).toList();
	}

}
