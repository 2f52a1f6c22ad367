package io.coffer.secrets.engine.transit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.http.NodeClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.coffer.secrets.engine.transit.TransitFixture.b64;
import static io.coffer.secrets.engine.transit.TransitFixture.list;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transit mount over real HTTP, in the shapes Spring Vault's
 * {@code VaultTransitTemplate} sends: the existence check turns a first encrypt into an
 * upsert, LIST is {@code ?list=true}, and a failed batch still returns its results with a
 * 400.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.cluster.name=coffer-transit-http-test")
class TransitHttpTest {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void transitOverHttp() {
		NodeClient client = new NodeClient("http://127.0.0.1:" + this.port);
		Map<String, Object> init = client.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1))
			.json();
		client.call("PUT", "sys/unseal", Map.of("key", ((List<String>) init.get("keys")).get(0)));
		client.awaitActive();
		client.token((String) init.get("root_token"));
		assertThat(client.call("POST", "sys/mounts/transit", Map.of("type", "transit")).status()).isEqualTo(204);

		NodeClient.Response created = client.call("POST", "transit/keys/app", Map.of("type", "ecdsa-p256"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.data()).containsEntry("type", "ecdsa-p256").containsEntry("latest_version", 1);
		assertThat(created.json()).containsEntry("mount_type", "transit");

		NodeClient.Response encrypted = client.call("POST", "transit/encrypt/orders", Map.of("plaintext", b64("42")));
		assertThat(encrypted.status()).isEqualTo(200);
		String ciphertext = (String) encrypted.data().get("ciphertext");
		assertThat(client.call("POST", "transit/decrypt/orders", Map.of("ciphertext", ciphertext)).data())
			.containsEntry("plaintext", b64("42"));

		assertThat(client.call("GET", "transit/keys?list=true", null).data()).containsEntry("keys",
				List.of("app", "orders"));

		NodeClient.Response batch = client.call("POST", "transit/encrypt/orders", mapOf("batch_input",
				List.of(mapOf("plaintext", b64("ok"), "reference", "a"), mapOf("plaintext", "%%", "reference", "b"))));
		assertThat(batch.status()).isEqualTo(400);
		List<Map<String, Object>> results = list(batch.data().get("batch_results"));
		assertThat(results).extracting((item) -> item.get("reference")).containsExactly("a", "b");
		assertThat(results.get(1)).containsKey("error");

		NodeClient.Response delete = client.call("DELETE", "transit/keys/app", null);
		assertThat(delete.status()).isEqualTo(400);
		assertThat(delete.json()).containsEntry("errors",
				List.of("error deleting policy app: deletion is not allowed for this policy"));
		assertThat(client.call("GET", "transit/keys/missing", null).status()).isEqualTo(404);
		assertThat(client
			.call("POST", "transit/decrypt/orders", Map.of("ciphertext", "vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
			.json()).containsEntry("errors", List.of("cipher: message authentication failed"));
	}

}
