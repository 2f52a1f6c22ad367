package io.coffer.secrets.seal;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.SigningProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transit seal end to end: node A unseals itself through the transit engine of a
 * second Coffer (the unsealer U) running in this JVM, over HTTP, with a token limited to
 * encrypt/decrypt with one key. Also generate-root with recovery keys and a Shamir to
 * transit migration on a third node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class TransitAutoUnsealTest {

	private static final String POLICY = """
			path "transit/encrypt/autounseal" { capabilities = ["update"] }
			path "transit/decrypt/autounseal" { capabilities = ["update"] }
			""";

	private final CofferNode unsealer = new CofferNode("unsealer");

	private final CofferNode node = new CofferNode("auto");

	private final CofferNode migrating = new CofferNode("migrating");

	private String unsealerKey;

	/**
	 * Stands in for the unsealer cluster's gateway, which signs the internal identity its
	 * nodes require.
	 */
	private SigningProxy unsealerGateway;

	private Map<String, String> transitSeal;

	private List<String> recoveryKeys;

	private String rootToken;

	private String migratedRoot;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void startUnsealer() {
		this.unsealer.start(Map.of());
		NodeClient client = this.unsealer.client();
		Map<String, Object> init = client.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1))
			.json();
		this.unsealerKey = ((List<String>) init.get("keys")).get(0);
		client.call("PUT", "sys/unseal", Map.of("key", this.unsealerKey));
		client.awaitActive().token((String) init.get("root_token"));
		assertThat(client.call("POST", "sys/mounts/transit", Map.of("type", "transit")).status()).isEqualTo(204);
		assertThat(client.call("POST", "transit/keys/autounseal", Map.of()).status()).isIn(200, 204);
		assertThat(client.call("PUT", "sys/policy/autounseal", Map.of("policy", POLICY)).status()).isEqualTo(204);
		Map<String, Object> auth = (Map<String, Object>) client
			.call("POST", "auth/token/create", Map.of("policies", List.of("autounseal"), "no_default_policy", true))
			.json()
			.get("auth");
		try {
			this.unsealerGateway = new SigningProxy(this.unsealer.address());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.transitSeal = Map.of("coffer.seal.type", "transit", "coffer.seal.transit.address",
				this.unsealerGateway.address(), "coffer.seal.transit.token", (String) auth.get("client_token"),
				"coffer.seal.transit.key-name", "autounseal", "coffer.seal.retry.initial-backoff", "200ms",
				"coffer.seal.retry.max-backoff", "1s");
	}

	@AfterAll
	void stopAll() {
		this.migrating.close();
		this.node.close();
		this.unsealer.close();
		this.unsealerGateway.close();
	}

	@Test
	@Order(1)
	@SuppressWarnings("unchecked")
	void initReturnsRecoveryKeysAndTheNodeUnsealsItself() {
		this.node.start(this.transitSeal);
		NodeClient client = this.node.client();
		assertThat(client.call("GET", "sys/seal-status", null).json()).containsEntry("type", "transit")
			.containsEntry("recovery_seal", true)
			.containsEntry("initialized", false);
		assertThat(client.call("PUT", "sys/init", Map.of("secret_shares", 5, "secret_threshold", 3)).status())
			.isEqualTo(400);

		NodeClient.Response init = client.call("PUT", "sys/init",
				Map.of("recovery_shares", 5, "recovery_threshold", 3));

		assertThat(init.status()).isEqualTo(200);
		assertThat(init.json()).containsEntry("keys", List.of()).containsEntry("keys_base64", List.of());
		this.recoveryKeys = (List<String>) init.json().get("recovery_keys");
		assertThat(this.recoveryKeys).hasSize(5);
		assertThat((List<String>) init.json().get("recovery_keys_base64")).hasSize(5);
		this.rootToken = (String) init.json().get("root_token");
		client.awaitActive().token(this.rootToken);
		assertThat(client.call("GET", "sys/seal-status", null).json()).containsEntry("sealed", false)
			.containsEntry("t", 3)
			.containsEntry("n", 5)
			.containsEntry("recovery_seal", true);
		NodeClient.Response unseal = client.call("PUT", "sys/unseal", Map.of("key", this.recoveryKeys.get(0)));
		assertThat(unseal.status()).isEqualTo(400);
		assertThat(client.call("POST", "sys/mounts/secret", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(client.call("PUT", "secret/app", Map.of("password", "s3cr3t")).status()).isEqualTo(204);
	}

	@Test
	@Order(2)
	void aRestartedNodeUnsealsItselfThroughTheTransitServer() {
		this.node.stop();
		long started = System.nanoTime();
		this.node.start(this.transitSeal);
		long contextStarted = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.node.health() == 200);
		long unsealed = System.nanoTime();
		System.out.printf(
				"Auto-unseal (transit): context start to unsealed and active in %d ms (context start %d ms)%n",
				(unsealed - started) / 1_000_000, (contextStarted - started) / 1_000_000);

		assertThat(this.node.client().token(this.rootToken).call("GET", "secret/app", null).data())
			.containsEntry("password", "s3cr3t");
	}

	@Test
	@Order(3)
	@SuppressWarnings("unchecked")
	void generateRootWithRecoveryKeysGivesAWorkingRootToken() {
		NodeClient client = this.node.client();
		Map<String, Object> idle = client.call("GET", "sys/generate-root/attempt", null).json();
		assertThat(idle).containsEntry("started", false).containsEntry("required", 3).containsEntry("otp_length", 28);
		assertThat(client.call("PUT", "sys/generate-root/attempt", Map.of("otp", "short")).json())
			.containsEntry("errors", List.of("OTP string has incorrect length"));
		assertThat(client.call("PUT", "sys/generate-root/attempt", Map.of("pgp_key", "mQENBF...")).status())
			.isEqualTo(400);

		Map<String, Object> started = client.call("PUT", "sys/generate-root/attempt", Map.of()).json();
		String otp = (String) started.get("otp");
		String nonce = (String) started.get("nonce");
		assertThat(otp).hasSize(28);
		assertThat(client.call("PUT", "sys/generate-root/update", Map.of("key", this.recoveryKeys.get(0), "nonce", "x"))
			.status()).isEqualTo(400);
		Map<String, Object> last = null;
		for (String key : List.of(this.recoveryKeys.get(4), this.recoveryKeys.get(0), this.recoveryKeys.get(2))) {
			NodeClient.Response update = client.call("POST", "sys/generate-root/update",
					Map.of("key", key, "nonce", nonce));
			assertThat(update.status()).isEqualTo(200);
			last = update.json();
		}

		assertThat(last).containsEntry("complete", true);
		String encoded = (String) last.get("encoded_token");
		assertThat(last).containsEntry("encoded_root_token", encoded);
		String token = OtpDecoder.decode(encoded, otp);
		NodeClient.Response self = this.node.client().token(token).call("GET", "auth/token/lookup-self", null);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data()).containsEntry("policies", List.of("root")).containsEntry("id", token);
		assertThat(client.call("GET", "sys/generate-root/attempt", null).json()).containsEntry("started", false);
	}

	@Test
	@Order(4)
	void aWrongRecoveryKeyFailsAtThresholdAndResetsProgress() {
		NodeClient client = this.node.client();
		String nonce = (String) client.call("PUT", "sys/generate-root/attempt", Map.of()).json().get("nonce");
		client.call("PUT", "sys/generate-root/update", Map.of("key", this.recoveryKeys.get(0), "nonce", nonce));
		client.call("PUT", "sys/generate-root/update", Map.of("key", this.recoveryKeys.get(1), "nonce", nonce));
		byte[] wrong = HexFormat.of().parseHex(this.recoveryKeys.get(2));
		wrong[7] ^= 0x10;

		NodeClient.Response failed = client.call("PUT", "sys/generate-root/update",
				Map.of("key", HexFormat.of().formatHex(wrong), "nonce", nonce));

		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.body()).contains("root generation aborted");
		assertThat(client.call("GET", "sys/generate-root/attempt", null).json()).containsEntry("started", true)
			.containsEntry("progress", 0);
		assertThat(client.call("DELETE", "sys/generate-root/attempt", null).status()).isEqualTo(204);
		assertThat(client.call("GET", "sys/generate-root/attempt", null).json()).containsEntry("started", false);
		assertThat(client.call("GET", "sys/generate-root/update", null).status()).isEqualTo(405);
	}

	@Test
	@Order(5)
	@SuppressWarnings("unchecked")
	void recoveryKeysRekeyOverHttp() {
		NodeClient client = this.node.client();
		assertThat(client.call("GET", "sys/rekey/init", null).status()).as("no unseal keys to rekey").isEqualTo(400);
		assertThat(client
			.call("POST", "sys/rekey-recovery-key/init",
					Map.of("secret_shares", 3, "secret_threshold", 2, "require_verification", true))
			.status()).isEqualTo(400);
		Map<String, Object> started = client
			.call("POST", "sys/rekey-recovery-key/init", Map.of("secret_shares", 3, "secret_threshold", 2))
			.json();
		assertThat(started).containsEntry("started", true).containsEntry("t", 2).containsEntry("n", 3);
		String nonce = (String) started.get("nonce");
		client.call("POST", "sys/rekey-recovery-key/update", Map.of("key", this.recoveryKeys.get(0), "nonce", nonce));
		client.call("POST", "sys/rekey-recovery-key/update", Map.of("key", this.recoveryKeys.get(1), "nonce", nonce));
		Map<String, Object> done = client
			.call("POST", "sys/rekey-recovery-key/update", Map.of("key", this.recoveryKeys.get(3), "nonce", nonce))
			.json();

		assertThat(done).containsEntry("complete", true).containsEntry("nonce", nonce);
		assertThat((List<String>) done.get("keys")).hasSize(3);
		assertThat(client.call("GET", "sys/seal-status", null).json()).containsEntry("t", 2).containsEntry("n", 3);
		assertThat(client.call("GET", "sys/rekey-recovery-key/init", null).json()).containsEntry("started", false)
			.containsEntry("required", 2);
	}

	@Test
	@Order(6)
	void withTheUnsealerDownTheNodeStaysSealedAndRecoversWhenItReturns(CapturedOutput output) {
		this.node.stop();
		this.unsealer.stop();
		this.node.start(this.transitSeal);

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> this.node.health() == 503);
		assertThat(output.getOut()).contains("Auto-unseal with the transit seal failed, node stays sealed")
			// Through the unsealer's gateway (here a signing proxy) a down unsealer is a
			// 502.
			.containsPattern("transit/decrypt/autounseal (is unreachable|answered HTTP 502)")
			.doesNotContain(this.transitSeal.get("coffer.seal.transit.token"));

		this.unsealer.start(Map.of());
		this.unsealer.client().call("PUT", "sys/unseal", Map.of("key", this.unsealerKey));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.node.health() == 200);
		assertThat(this.node.client().token(this.rootToken).call("GET", "secret/app", null).status()).isEqualTo(200);
	}

	@Test
	@Order(7)
	@SuppressWarnings("unchecked")
	void aShamirNodeMigratesToTheTransitSeal() {
		this.migrating.start(Map.of());
		NodeClient shamir = this.migrating.client();
		Map<String, Object> init = shamir.call("PUT", "sys/init", Map.of("secret_shares", 3, "secret_threshold", 2))
			.json();
		List<String> keys = (List<String>) init.get("keys");
		String root = (String) init.get("root_token");
		this.migratedRoot = root;
		keys.subList(0, 2).forEach((key) -> shamir.call("PUT", "sys/unseal", Map.of("key", key)));
		shamir.awaitActive().token(root);
		shamir.call("POST", "sys/mounts/secret", Map.of("type", "kv"));
		shamir.call("PUT", "secret/kept", Map.of("value", "42"));
		this.migrating.stop();

		this.migrating.start(this.transitSeal);
		NodeClient client = this.migrating.client();
		assertThat(client.call("GET", "sys/seal-status", null).json()).containsEntry("migration", true)
			.containsEntry("type", "shamir")
			.containsEntry("sealed", true);
		assertThat(client.call("PUT", "sys/unseal", Map.of("key", keys.get(0))).status()).isEqualTo(400);
		client.call("PUT", "sys/unseal", Map.of("key", keys.get(0), "migrate", true));
		NodeClient.Response done = client.call("PUT", "sys/unseal", Map.of("key", keys.get(2), "migrate", true));

		assertThat(done.status()).isEqualTo(200);
		assertThat(done.json()).containsEntry("sealed", false)
			.containsEntry("type", "transit")
			.containsEntry("recovery_seal", true)
			.containsEntry("migration", false)
			.containsEntry("t", 2)
			.containsEntry("n", 3);
		client.awaitActive().token(root);
		assertThat(client.call("GET", "secret/kept", null).data()).containsEntry("value", "42");

		this.migrating.stop();
		this.migrating.start(this.transitSeal);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.migrating.health() == 200);
	}

	/**
	 * {@code snapshot-force} of node A's snapshot into node B, another cluster sealed by
	 * the same transit key: B seals (A's state replaced its keys) and unseals itself at
	 * once through its transit seal with A's sealed root key, as Vault reloads the root
	 * key through its auto seal; then it serves A's data to A's token.
	 */
	@Test
	@Order(8)
	void aForcedRestoreOfAnotherClusterUnderTheSameTransitKeyUnsealsItselfWithThatClustersRootKey(CapturedOutput output,
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
		NodeClient source = this.node.client().token(this.rootToken);
		assertThat(source.call("PUT", "secret/app", Map.of("password", "restored")).status()).isEqualTo(204);
		NodeClient.Download saved = source.download("sys/storage/raft/snapshot", dir.resolve("a.snap"));
		assertThat(saved.status()).isEqualTo(200);
		NodeClient target = this.migrating.client().token(this.migratedRoot);

		NodeClient.Response forced = target.upload("POST", "sys/storage/raft/snapshot-force", saved.file());

		assertThat(forced.status()).as(forced.body()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.migrating.health() == 200);
		assertThat(output.getOut()).contains("After the forced restore, auto-unseal with the transit seal: UNSEALED");
		NodeClient restored = this.migrating.client().token(this.rootToken);
		assertThat(restored.call("GET", "secret/app", null).data()).containsEntry("password", "restored");
		assertThat(restored.call("GET", "secret/kept", null).status()).isEqualTo(404);
		assertThat(this.migrating.client().token(this.migratedRoot).call("GET", "sys/mounts", null).status())
			.isEqualTo(403);
	}

}
