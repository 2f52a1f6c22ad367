package io.coffer.secrets.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault's existence check on KV writes over real HTTP: {@code create} covers only absent
 * keys, {@code update} only present ones, and a caller granted both (whose writes skip
 * the check) writes either.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExistenceCheckApiTest {

	private static final String POLICIES = """
			path "kv2/data/create-only/*" { capabilities = ["create"] }
			path "kv2/data/update-only/*" { capabilities = ["update"] }
			path "kv2/data/both/*" { capabilities = ["create", "update"] }
			path "kv1/create-only/*" { capabilities = ["create"] }
			path "kv1/update-only/*" { capabilities = ["update"] }
			""";

	@LocalServerPort
	int port;

	private NodeClient root;

	private NodeClient writer;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void initUnsealAndMount() {
		this.root = new NodeClient("http://127.0.0.1:" + this.port).initializeAndUnseal();
		assertThat(this.root.call("POST", "sys/mounts/kv2", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/mounts/kv1", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(this.root.call("PUT", "sys/policy/writer", Map.of("policy", POLICIES)).status()).isEqualTo(204);
		Map<String, Object> auth = (Map<String, Object>) this.root
			.call("POST", "auth/token/create", Map.of("policies", List.of("writer")))
			.json()
			.get("auth");
		this.writer = new NodeClient("http://127.0.0.1:" + this.port).token((String) auth.get("client_token"));
	}

	@Test
	void createCapabilityWritesANewKvV2KeyButNotOverAnExistingOne() {
		assertThat(writeV2(this.writer, "create-only/new").status()).isEqualTo(200);
		assertThat(writeV2(this.root, "create-only/existing").status()).isEqualTo(200);

		NodeClient.Response overwrite = writeV2(this.writer, "create-only/existing");

		assertThat(overwrite.status()).isEqualTo(403);
		assertThat(this.root.call("GET", "kv2/data/create-only/existing", null).data()).extractingByKey("metadata")
			.extracting("version")
			.isEqualTo(1);
	}

	@Test
	void createCapabilityCannotOverwriteASoftDeletedOrDestroyedKvV2Secret() {
		assertThat(writeV2(this.root, "create-only/deleted").status()).isEqualTo(200);
		assertThat(this.root.call("DELETE", "kv2/data/create-only/deleted", null).status()).isEqualTo(204);
		assertThat(writeV2(this.root, "create-only/destroyed").status()).isEqualTo(200);
		assertThat(this.root.call("POST", "kv2/destroy/create-only/destroyed", Map.of("versions", List.of(1))).status())
			.isEqualTo(204);

		assertThat(writeV2(this.writer, "create-only/deleted").status()).isEqualTo(403);
		assertThat(writeV2(this.writer, "create-only/destroyed").status()).isEqualTo(403);

		assertThat(this.root.call("GET", "kv2/metadata/create-only/deleted", null).data())
			.containsEntry("current_version", 1);
		assertThat(this.root.call("GET", "kv2/metadata/create-only/destroyed", null).data())
			.containsEntry("current_version", 1);
		assertThat(this.root.call("DELETE", "kv2/metadata/create-only/deleted", null).status()).isEqualTo(204);
		assertThat(writeV2(this.writer, "create-only/deleted").status()).isEqualTo(200);
	}

	@Test
	void updateCapabilityOverwritesAnExistingKvV2KeyButCannotCreateOne() {
		assertThat(writeV2(this.root, "update-only/existing").status()).isEqualTo(200);

		assertThat(writeV2(this.writer, "update-only/existing").status()).isEqualTo(200);
		assertThat(writeV2(this.writer, "update-only/new").status()).isEqualTo(403);
		assertThat(this.root.call("GET", "kv2/data/update-only/new", null).status()).isEqualTo(404);
	}

	@Test
	void createAndUpdateTogetherWriteNewAndExistingKvV2Keys() {
		assertThat(writeV2(this.writer, "both/key").status()).isEqualTo(200);
		assertThat(writeV2(this.writer, "both/key").status()).isEqualTo(200);

		assertThat(this.root.call("GET", "kv2/data/both/key", null).data()).extractingByKey("metadata")
			.extracting("version")
			.isEqualTo(2);
	}

	@Test
	void kvV1WritesFollowTheSameCreateAndUpdateSplit() {
		assertThat(this.writer.call("PUT", "kv1/create-only/new", Map.of("v", "1")).status()).isEqualTo(204);
		assertThat(this.writer.call("PUT", "kv1/create-only/new", Map.of("v", "2")).status()).isEqualTo(403);
		assertThat(this.writer.call("PUT", "kv1/update-only/new", Map.of("v", "1")).status()).isEqualTo(403);
		assertThat(this.root.call("PUT", "kv1/update-only/existing", Map.of("v", "1")).status()).isEqualTo(204);
		assertThat(this.writer.call("PUT", "kv1/update-only/existing", Map.of("v", "2")).status()).isEqualTo(204);

		assertThat(this.root.call("GET", "kv1/create-only/new", null).data()).containsEntry("v", "1");
		assertThat(this.root.call("GET", "kv1/update-only/existing", null).data()).containsEntry("v", "2");
	}

	private static NodeClient.Response writeV2(NodeClient client, String key) {
		return client.call("POST", "kv2/data/" + key, Map.of("data", Map.of("k", "v")));
	}

}
