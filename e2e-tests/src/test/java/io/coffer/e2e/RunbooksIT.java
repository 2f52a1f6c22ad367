package io.coffer.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.coffer.e2e.chaos.Autopilot;
import io.coffer.e2e.chaos.Writers;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runbooks of {@code docs/runbooks/} that can run here, step by step over the same
 * HTTP calls the pages give (the {@code vault} CLI sends these), against the shared
 * suite; each test leaves the suite as it found it.
 */
class RunbooksIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final Duration VOTER = Duration.ofSeconds(120);

	/** docs/runbooks/root-token-compromised.md */
	@Test
	void compromisedRootToken() throws Exception {
		CofferCluster cluster = coffer.cluster();
		VaultHttp http = cluster.http();
		Path auditLog = Files.createTempDirectory("coffer-runbooks-it").resolve("audit.log");
		http.put("sys/audit/runbooks-it", Map.of("type", "file", "options", Map.of("file_path", auditLog.toString())),
				cluster.rootToken())
			.requireSuccess();
		try {
			String leaked = createToken(http, cluster.rootToken(), Map.of("policies", List.of("root")));
			String child = createToken(http, leaked, Map.of("policies", List.of("default")));
			http.post("secret/data/runbooks/leaked-read", Map.of("data", Map.of("k", "v")), leaked).requireSuccess();

			// 1. a new root token with the key quorum
			String newRoot = generateRoot(http, cluster.unsealKeys());
			assertThat(newRoot).isNotEqualTo(leaked).isNotEqualTo(cluster.rootToken());
			// 2. the leaked token's accessor
			String accessor = http.post("auth/token/lookup", Map.of("token", leaked), newRoot)
				.requireSuccess()
				.json()
				.path("data")
				.path("accessor")
				.asString();
			// 3. revoke it, with its children
			assertThat(http.post("auth/token/revoke-accessor", Map.of("accessor", accessor), newRoot).status())
				.isEqualTo(204);
			assertThat(http.get("secret/data/runbooks/leaked-read", leaked).status()).isEqualTo(403);
			assertThat(http.get("auth/token/lookup-self", child).status()).isEqualTo(403);
			assertThat(http.post("auth/token/lookup-accessor", Map.of("accessor", accessor), newRoot).status())
				.isEqualTo(400);
			// 4. what did it do: its HMAC in the audit log
			VaultReply hashed = http.post("sys/audit-hash/runbooks-it", Map.of("input", leaked), newRoot)
				.requireSuccess();
			String hash = hashed.json().path("data").path("hash").asString(hashed.json().path("hash").asString());
			assertThat(hash).startsWith("hmac-sha256:");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Files.exists(auditLog) && Files.readString(auditLog).contains(hash));
			assertThat(Files.readString(auditLog)).doesNotContain(leaked);
			// 5. revoke the new root token when done
			assertThat(http.post("auth/token/revoke-self", null, newRoot).status()).isEqualTo(204);
			assertThat(http.get("auth/token/lookup-self", newRoot).status()).isEqualTo(403);
		}
		finally {
			http.delete("sys/audit/runbooks-it", cluster.rootToken());
		}
	}

	/** docs/runbooks/rolling-upgrade.md */
	@Test
	void rollingRestartWithStepDown() throws Exception {
		CofferCluster cluster = coffer.cluster();
		VaultHttp http = cluster.http();
		String root = cluster.rootToken();
		Autopilot autopilot = new Autopilot(http, root);
		autopilot.awaitFailureTolerance(1, null, VOTER);
		try (Writers writers = Writers.start(http, root, "rolling", 2)) {
			writers.awaitAcknowledged(20, Duration.ofSeconds(30));
			ServiceProcess active = cluster.activeNode();
			for (ServiceProcess standby : cluster.nodes()) {
				if (!standby.equals(active)) {
					restartOneNode(cluster, autopilot, standby);
				}
			}
			assertThat(http.put("sys/step-down", null, root).status()).isEqualTo(204);
			await("another node active after the step-down").atMost(Duration.ofSeconds(60))
				.until(() -> !cluster.activeNode().equals(active));
			int before = writers.acknowledgedCount();
			restartOneNode(cluster, autopilot, active);
			writers.awaitAcknowledged(before + 20, Duration.ofSeconds(30));
			writers.stop();
			assertThat(writers.lostWrites()).as("acknowledged writes lost by the rolling restart").isEmpty();
		}
	}

	private static void restartOneNode(CofferCluster cluster, Autopilot autopilot, ServiceProcess node) {
		cluster.stopNode(node);
		cluster.restartNode(node);
		cluster.unsealNode(node);
		autopilot.awaitFailureTolerance(1, node.name(), VOTER);
	}

	private static String createToken(VaultHttp http, String parent, Map<String, Object> body) {
		return http.post("auth/token/create", body, parent)
			.requireSuccess()
			.json()
			.path("auth")
			.path("client_token")
			.asString();
	}

	/**
	 * {@code vault operator generate-root -init}, one update per share, {@code -decode}.
	 */
	private static String generateRoot(VaultHttp http, List<String> unsealKeys) {
		JsonNode attempt = http.put("sys/generate-root/attempt", Map.of(), null).requireSuccess().json();
		String nonce = attempt.path("nonce").asString();
		String otp = attempt.path("otp").asString();
		JsonNode progress = null;
		for (String share : unsealKeys.subList(0, attempt.path("required").asInt())) {
			progress = http.put("sys/generate-root/update", Map.of("key", share, "nonce", nonce), null)
				.requireSuccess()
				.json();
		}
		assertThat(progress.path("complete").asBoolean()).isTrue();
		byte[] token = Base64.getDecoder().decode(progress.path("encoded_token").asString());
		byte[] pad = otp.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < token.length; i++) {
			token[i] ^= pad[i];
		}
		return new String(token, StandardCharsets.US_ASCII);
	}

}
