package io.coffer.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.cluster.ClusterOptions;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A three-node cluster sealed with the transit seal, whose unsealer is a second running
 * Coffer (one node and its gateway): init with recovery keys, every node unseals itself,
 * after a full restart too; with the unsealer down restarted nodes stay sealed and unseal
 * themselves once it is back. The methods run in order on the same two clusters.
 */
@Order(Integer.MAX_VALUE - 2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransitSealedClusterIT {

	/** The unsealer: an ordinary Shamir cluster serving the transit engine. */
	@RegisterExtension
	static final CofferClusterExtension unsealerExtension = CofferClusterExtension.perClass(1);

	private static final String POLICY = """
			path "transit/encrypt/autounseal" { capabilities = ["update"] }
			path "transit/decrypt/autounseal" { capabilities = ["update"] }
			""";

	private static final Duration UNSEAL_TIMEOUT = Duration.ofSeconds(90);

	private CofferCluster unsealer;

	private CofferCluster sealed;

	private String sealToken;

	private String rootToken;

	@BeforeAll
	void startBothClusters() {
		this.unsealer = unsealerExtension.cluster();
		VaultHttp http = this.unsealer.http();
		String root = this.unsealer.rootToken();
		assertThat(http.post("sys/mounts/transit", Map.of("type", "transit"), root).status()).isEqualTo(204);
		assertThat(http.post("transit/keys/autounseal", Map.of(), root).status()).isIn(200, 204);
		assertThat(http.put("sys/policy/autounseal", Map.of("policy", POLICY), root).status()).isEqualTo(204);
		VaultReply token = http.post("auth/token/create",
				Map.of("policies", List.of("autounseal"), "no_default_policy", true), root);
		assertThat(token.status()).isEqualTo(200);
		this.sealToken = token.json().get("auth").get("client_token").asString();

		// The unsealer's node accepts only gateway-signed requests, so the seal talks to
		// its gateway. A short retry cap keeps the wait after the unsealer returns small.
		this.sealed = CofferCluster.start(ClusterOptions.of("transit-sealed", 3)
			.withNodeArguments("--coffer.seal.type=transit",
					"--coffer.seal.transit.address=" + this.unsealer.gatewayUri(),
					"--coffer.seal.transit.token=" + this.sealToken, "--coffer.seal.transit.key-name=autounseal",
					"--coffer.seal.retry.initial-backoff=500ms", "--coffer.seal.retry.max-backoff=2s")
			.uninitialized());
	}

	@AfterAll
	void stopSealedCluster() {
		if (this.sealed != null) {
			this.sealed.close();
		}
	}

	@Test
	@Order(1)
	void initReturnsRecoveryKeysAndEveryNodeUnsealsItself() {
		VaultHttp http = this.sealed.http();
		JsonNode before = http.get("sys/seal-status", null).json();
		assertThat(before.get("type").asString()).isEqualTo("transit");
		assertThat(before.get("recovery_seal").asBoolean()).isTrue();
		assertThat(before.get("initialized").asBoolean()).isFalse();

		VaultReply init = http.put("sys/init", Map.of("recovery_shares", 5, "recovery_threshold", 3), null);

		assertThat(init.status()).isEqualTo(200);
		assertThat(init.json().get("keys").size()).isZero();
		assertThat(init.json().get("keys_base64").size()).isZero();
		assertThat(init.json().get("recovery_keys").size()).isEqualTo(5);
		assertThat(init.json().get("recovery_keys_base64").size()).isEqualTo(5);
		this.rootToken = init.json().get("root_token").asString();
		awaitEveryNodeUnsealed();
		for (ServiceProcess node : this.sealed.nodes()) {
			JsonNode status = sealStatus(node);
			assertThat(status.get("type").asString()).as(node.name()).isEqualTo("transit");
			assertThat(status.get("recovery_seal").asBoolean()).as(node.name()).isTrue();
			assertThat(status.get("t").asInt()).as(node.name()).isEqualTo(3);
			assertThat(status.get("n").asInt()).as(node.name()).isEqualTo(5);
		}
		this.sealed.awaitActive();
		assertThat(
				http.post("sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")), this.rootToken)
					.status())
			.isEqualTo(204);
		assertThat(http.post("secret/data/app", Map.of("data", Map.of("password", "s3cr3t")), this.rootToken).status())
			.isEqualTo(200);
	}

	@Test
	@Order(2)
	void afterAFullRestartEveryNodeUnsealsItselfAndTheSecretIsKept() {
		this.sealed.stopNodes();
		long started = System.nanoTime();
		this.sealed.startNodes();
		long up = System.nanoTime();
		awaitEveryNodeUnsealed();
		long unsealed = System.nanoTime();
		System.out.printf(
				"Transit-sealed cluster full restart: 3 nodes unsealed %d ms after launch (HTTP up after %d"
						+ " ms, unsealed %d ms after that)%n",
				(unsealed - started) / 1_000_000, (up - started) / 1_000_000, (unsealed - up) / 1_000_000);

		this.sealed.awaitActive();
		assertThat(readSecret()).isEqualTo("s3cr3t");
	}

	@Test
	@Order(3)
	void withTheUnsealerDownRestartedNodesStaySealedAndRecoverWhenItReturns() {
		this.unsealer.stopGateway();
		this.sealed.stopNodes();
		this.sealed.startNodes();

		await("every node answers sealed").atMost(UNSEAL_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(this::everyNodeSealed);
		await("every node stays sealed").during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(8))
			.pollInterval(Duration.ofMillis(250))
			.until(this::everyNodeSealed);
		assertThat(this.sealed.http().get("secret/data/app", this.rootToken).status()).isEqualTo(503);
		for (ServiceProcess node : this.sealed.nodes()) {
			String log = log(node);
			assertThat(log.substring(log.lastIndexOf("==== restarted by the test ===="))).as(node.name() + " log")
				.contains("Auto-unseal with the transit seal failed, node stays sealed");
			assertThat(log).as(node.name() + " log").doesNotContain(this.sealToken);
		}

		long returned = System.nanoTime();
		this.unsealer.startGateway();
		awaitEveryNodeUnsealed();
		System.out.printf("Transit-sealed cluster: 3 nodes unsealed %d ms after the unsealer's gateway was started%n",
				(System.nanoTime() - returned) / 1_000_000);
		this.sealed.awaitActive();
		assertThat(readSecret()).isEqualTo("s3cr3t");
	}

	private void awaitEveryNodeUnsealed() {
		await("every node unsealed by itself").atMost(UNSEAL_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.sealed.nodes().stream().allMatch((node) -> Boolean.FALSE.equals(sealedFlag(node))));
	}

	private boolean everyNodeSealed() {
		return this.sealed.nodes().stream().allMatch((node) -> {
			int health = new VaultHttp(node.baseUri()).statusOf(node.baseUri().resolve("/v1/sys/health"));
			return health == 503 && Boolean.TRUE.equals(sealedFlag(node));
		});
	}

	/** The node's own answer, or null while it cannot give one (still starting). */
	private static Boolean sealedFlag(ServiceProcess node) {
		VaultReply reply = new VaultHttp(node.baseUri()).get("sys/seal-status", null);
		return (reply.status() == 200) ? reply.json().get("sealed").asBoolean() : null;
	}

	private static JsonNode sealStatus(ServiceProcess node) {
		VaultReply reply = new VaultHttp(node.baseUri()).get("sys/seal-status", null);
		assertThat(reply.status()).as(node.name() + " sys/seal-status").isEqualTo(200);
		return reply.json();
	}

	private String readSecret() {
		VaultReply read = this.sealed.http().get("secret/data/app", this.rootToken);
		assertThat(read.status()).isEqualTo(200);
		return read.json().get("data").get("data").get("password").asString();
	}

	private static String log(ServiceProcess node) {
		try {
			return Files.readString(node.logFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
