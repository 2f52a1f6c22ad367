package io.coffer.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire details real clients trip over (vault-api.md §13), checked on raw HTTP through
 * the gateway.
 */
class VaultApiTrapsIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final String KV1 = "traps-kv1";

	private static VaultHttp http;

	private static String token;

	@BeforeAll
	static void mountKeyValueVersion1() {
		http = coffer.cluster().http();
		token = coffer.cluster().rootToken();
		assertThat(
				http.post("sys/mounts/" + KV1, Map.of("type", "kv", "options", Map.of("version", "1")), token).status())
			.isEqualTo(204);
	}

	@AfterAll
	static void unmount() {
		http.delete("sys/mounts/" + KV1, token);
	}

	@Test
	void listWithNothingToListAnswers404WithEmptyErrors() {
		VaultReply listVerb = http.list("secret/metadata/traps/nothing-here", token);
		VaultReply listQuery = http.get("secret/metadata/traps/nothing-here?list=true", token);
		VaultReply kv1 = http.list(KV1 + "/nothing-here", token);

		for (VaultReply reply : List.of(listVerb, listQuery, kv1)) {
			assertThat(reply.status()).isEqualTo(404);
			assertThat(reply.json().get("errors").isArray()).isTrue();
			assertThat(reply.json().get("errors").isEmpty()).isTrue();
		}
	}

	@Test
	void keyValueVersion2WriteAnswers200WithVersionMetadata() {
		VaultReply reply = http.post("secret/data/traps/v2-write", Map.of("data", Map.of("k", "v")), token);

		assertThat(reply.status()).isEqualTo(200);
		JsonNode data = reply.json().get("data");
		assertThat(data.get("version").asInt()).isEqualTo(1);
		assertThat(data.get("created_time").asString()).isNotBlank();
		assertThat(data.get("deletion_time").asString()).isEmpty();
		assertThat(data.get("destroyed").asBoolean()).isFalse();
		assertThat(data.has("custom_metadata")).isTrue();
	}

	@Test
	void keyValueVersion1WriteAnswers204WithoutBody() {
		VaultReply reply = http.post(KV1 + "/written", Map.of("k", "v"), token);

		assertThat(reply.status()).isEqualTo(204);
		assertThat(reply.body()).isEmpty();
		assertThat(http.get(KV1 + "/written", token).json().get("data").get("k").asString()).isEqualTo("v");
	}

	@Test
	void deletedVersionAnswers404WithTheFullEnvelope() {
		http.post("secret/data/traps/deleted", Map.of("data", Map.of("k", "v")), token);
		assertThat(http.delete("secret/data/traps/deleted", token).status()).isEqualTo(204);

		VaultReply reply = http.get("secret/data/traps/deleted", token);

		assertThat(reply.status()).isEqualTo(404);
		JsonNode json = reply.json();
		assertThat(json.has("request_id")).isTrue();
		assertThat(json.has("lease_id")).isTrue();
		assertThat(json.get("data").get("data").isNull()).isTrue();
		JsonNode metadata = json.get("data").get("metadata");
		assertThat(metadata.get("version").asInt()).isEqualTo(1);
		assertThat(metadata.get("deletion_time").asString()).isNotBlank();
		assertThat(metadata.get("destroyed").asBoolean()).isFalse();
	}

	@Test
	void versionThatNeverExistedAnswers404WithEmptyErrors() {
		http.post("secret/data/traps/one-version", Map.of("data", Map.of("k", "v")), token);

		VaultReply reply = http.get("secret/data/traps/one-version?version=7", token);

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("errors").isEmpty()).isTrue();
	}

	@Test
	void uiMountsResolvesASubPathAndReportsTheVersionAsAString() {
		VaultReply reply = http.get("sys/internal/ui/mounts/secret/foo", token);

		assertThat(reply.status()).isEqualTo(200);
		JsonNode data = reply.json().get("data");
		assertThat(data.get("path").asString()).isEqualTo("secret/");
		assertThat(data.get("type").asString()).isEqualTo("kv");
		JsonNode version = data.get("options").get("version");
		assertThat(version.isString()).as("options.version is a JSON string").isTrue();
		assertThat(version.asString()).isEqualTo("2");
	}

	@Test
	void uiMountsAnswers403ForAPathOutsideEveryMount() {
		VaultReply reply = http.get("sys/internal/ui/mounts/no-such-mount/foo", token);

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.json().get("errors").get(0).asString()).contains("preflight capability check returned 403");
	}

	@Test
	void healthAnswersTheSameFieldsWhateverTheStatusCode() {
		CofferCluster cluster = coffer.cluster();
		ServiceProcess active = cluster.activeNode();
		ServiceProcess standby = cluster.nodes().stream().filter((node) -> node != active).findFirst().orElseThrow();
		VaultHttp activeNode = new VaultHttp(active.baseUri());
		VaultHttp standbyNode = new VaultHttp(standby.baseUri());

		VaultReply gateway = http.get("sys/health", null);
		VaultReply customCode = http.get("sys/health?activecode=218", null);
		VaultReply onActive = activeNode.get("sys/health", null);
		VaultReply onStandby = standbyNode.get("sys/health", null);

		assertThat(gateway.status()).isEqualTo(200);
		assertThat(customCode.status()).isEqualTo(218);
		assertThat(onActive.status()).isEqualTo(200);
		assertThat(onStandby.status()).isEqualTo(429);
		assertThat(onStandby.json().get("standby").asBoolean()).isTrue();
		Set<String> fields = fieldNames(gateway.json());
		assertThat(fields).contains("initialized", "sealed", "standby", "performance_standby",
				"replication_performance_mode", "replication_dr_mode", "server_time_utc", "version", "cluster_name",
				"cluster_id");
		assertThat(fieldNames(customCode.json())).isEqualTo(fields);
		assertThat(fieldNames(onActive.json())).isEqualTo(fields);
		assertThat(fieldNames(onStandby.json())).isEqualTo(fields);
	}

	@Test
	void pathsWithCommasWorkLikeAnyOtherPath() {
		VaultReply write = http.post("secret/data/traps/app,dev", Map.of("data", Map.of("profile", "dev")), token);
		VaultReply read = http.get("secret/data/traps/app,dev", token);
		VaultReply list = http.list("secret/metadata/traps", token);

		assertThat(write.status()).isEqualTo(200);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("data").get("data").get("profile").asString()).isEqualTo("dev");
		assertThat(list.json().get("data").get("keys").valueStream().map(JsonNode::asString)).contains("app,dev");
	}

	@Test
	void everyResponseCarriesCacheControlNoStore() {
		http.post("secret/data/traps/cached", Map.of("data", Map.of("k", "v")), token);
		List<VaultReply> replies = List.of(http.get("secret/data/traps/cached", token),
				http.post(KV1 + "/cached", Map.of("k", "v"), token), http.get("secret/data/traps/not-there", token),
				http.get("secret/data/traps/cached", null), http.get("sys/health", null),
				http.get("sys/seal-status", null));

		assertThat(replies).extracting(VaultReply::status).containsExactly(200, 204, 404, 403, 200, 200);
		assertThat(replies).allSatisfy((reply) -> assertThat(reply.header("Cache-Control")).isEqualTo("no-store"));
		assertThat(replies.get(0).header("Content-Type")).startsWith("application/json");
	}

	@Test
	void requestWithoutTokenIsDenied() {
		VaultReply reply = http.get("secret/data/traps/cached", null);

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.json().get("errors").get(0).asString()).contains("permission denied");
	}

	private static Set<String> fieldNames(JsonNode json) {
		return new TreeSet<>(json.propertyNames());
	}

}
