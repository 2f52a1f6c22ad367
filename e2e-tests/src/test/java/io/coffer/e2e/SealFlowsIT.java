package io.coffer.e2e;

import java.util.Map;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seal, unseal and init through the gateway, which presents the whole cluster as one
 * Vault. Every test leaves the shared cluster unsealed again.
 */
class SealFlowsIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static CofferCluster cluster;

	private static VaultHttp http;

	@BeforeAll
	static void cluster() {
		cluster = coffer.cluster();
		http = cluster.http();
	}

	@AfterEach
	void unsealAgain() {
		cluster.unseal();
	}

	@Test
	void sealedVaultAnswers503UntilUnsealedAndKeepsItsData() {
		String token = cluster.rootToken();
		assertThat(http.post("secret/data/seal/kept", Map.of("data", Map.of("k", "v")), token).status()).isEqualTo(200);

		assertThat(http.put("sys/seal", null, token).status()).isEqualTo(204);

		VaultReply sealedRead = http.get("secret/data/seal/kept", token);
		assertThat(sealedRead.status()).isEqualTo(503);
		assertThat(sealedRead.json().get("errors").get(0).asString()).contains("Vault is sealed");
		assertThat(sealedRead.header("Cache-Control")).isEqualTo("no-store");
		assertThat(sealStatus().get("sealed").asBoolean()).isTrue();
		VaultReply health = http.get("sys/health", null);
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().get("sealed").asBoolean()).isTrue();
		assertThat(health.json().get("initialized").asBoolean()).isTrue();

		cluster.unseal();

		VaultReply read = http.get("secret/data/seal/kept", token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("data").get("data").get("k").asString()).isEqualTo("v");
	}

	@Test
	void corruptedShareAtThresholdFailsKeepsVaultSealedAndResetsProgress() {
		seal();
		unsealWith(cluster.unsealKeys().get(0), 200);
		assertThat(unsealWith(cluster.unsealKeys().get(1), 200).get("progress").asInt()).isEqualTo(2);

		unsealWith(corrupt(cluster.unsealKeys().get(2)), 400);

		JsonNode status = sealStatus();
		assertThat(status.get("sealed").asBoolean()).isTrue();
		assertThat(status.get("progress").asInt()).isZero();
		assertThat(http.get("sys/health", null).status()).isEqualTo(503);
	}

	@Test
	void malformedKeyIsRejectedWithoutChangingProgress() {
		seal();
		assertThat(unsealWith(cluster.unsealKeys().get(0), 200).get("progress").asInt()).isEqualTo(1);

		VaultReply malformed = http.put("sys/unseal", Map.of("key", "this is not a key share"), null);

		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("errors").isArray()).isTrue();
		JsonNode status = sealStatus();
		assertThat(status.get("sealed").asBoolean()).isTrue();
		assertThat(status.get("progress").asInt()).isEqualTo(1);
		assertThat(status.get("t").asInt()).isEqualTo(3);
		assertThat(status.get("n").asInt()).isEqualTo(5);
	}

	@Test
	void unsealWithNeitherKeyNorResetIsRejected() {
		VaultReply reply = http.put("sys/unseal", Map.of(), null);

		assertThat(reply.status()).isEqualTo(400);
	}

	@Test
	void secondInitIsRejected() {
		VaultReply reply = http.put("sys/init", Map.of("secret_shares", 1, "secret_threshold", 1), null);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("errors").get(0).asString()).contains("already initialized");
		assertThat(http.get("sys/init", null).json().get("initialized").asBoolean()).isTrue();
	}

	private static void seal() {
		assertThat(http.put("sys/seal", null, cluster.rootToken()).status()).isEqualTo(204);
		assertThat(sealStatus().get("sealed").asBoolean()).isTrue();
	}

	private static JsonNode unsealWith(String key, int expectedStatus) {
		VaultReply reply = http.put("sys/unseal", Map.of("key", key), null);
		assertThat(reply.status()).as("sys/unseal status").isEqualTo(expectedStatus);
		return reply.json();
	}

	private static JsonNode sealStatus() {
		VaultReply reply = http.get("sys/seal-status", null);
		assertThat(reply.status()).isEqualTo(200);
		return reply.json();
	}

	/**
	 * The same share with one byte in the middle changed: still well-formed hex of the
	 * right length, but no longer a point on the polynomial. (The middle, because share
	 * encodings keep the x coordinate at one end.)
	 */
	private static String corrupt(String hexShare) {
		int middle = hexShare.length() / 2;
		char flipped = (hexShare.charAt(middle) == '0') ? '1' : '0';
		return hexShare.substring(0, middle) + flipped + hexShare.substring(middle + 1);
	}

}
