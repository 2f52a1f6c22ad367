package io.coffer.secrets.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.storage.HaCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node's Vault API over real HTTP, from uninitialized to sealed again, in the order
 * an operator goes.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeApiTest {

	@LocalServerPort
	int port;

	@Autowired
	HaCluster ha;

	NodeClient client;

	List<String> keys;

	String rootToken;

	@BeforeAll
	void client() {
		this.client = new NodeClient("http://127.0.0.1:" + this.port);
	}

	@Test
	@Order(1)
	void beforeInitHealthIs501AndLogicalPathsAreSealed() {
		NodeClient.Response health = this.client.call("GET", "sys/health", null);
		assertThat(health.status()).isEqualTo(501);
		assertThat(health.json()).containsEntry("initialized", false).containsEntry("sealed", true);
		assertThat(health.header("Cache-Control")).isEqualTo("no-store");
		assertThat(this.client.call("GET", "sys/health?uninitcode=299", null).status()).isEqualTo(299);
		assertThat(this.client.call("GET", "sys/health?uninitcode=abc", null).status()).isEqualTo(400);
		assertThat(this.client.call("GET", "sys/init", null).json()).containsEntry("initialized", false);
		assertThat(this.client.call("GET", "secret/foo", null).status()).isEqualTo(503);
	}

	@Test
	@Order(2)
	@SuppressWarnings("unchecked")
	void initThenUnsealWithThreeOfFiveShares() {
		assertThat(this.client.call("PUT", "sys/init", "{not json").status()).isEqualTo(400);
		NodeClient.Response init = this.client.call("PUT", "sys/init",
				Map.of("secret_shares", 5, "secret_threshold", 3));
		assertThat(init.status()).isEqualTo(200);
		this.keys = (List<String>) init.json().get("keys");
		this.rootToken = (String) init.json().get("root_token");
		assertThat(this.client.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1)).json())
			.isEqualTo(Map.of("errors", List.of("Vault is already initialized")));

		NodeClient.Response bad = this.client.call("PUT", "sys/unseal", Map.of("key", "nothex"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json()).containsKey("errors");
		this.client.call("PUT", "sys/unseal", Map.of("key", this.keys.get(0)));
		// curl -d sends a form content type with a JSON body; Vault still reads it as
		// JSON.
		NodeClient.Response second = this.client.call("PUT", "sys/unseal", "{\"key\":\"" + this.keys.get(1) + "\"}",
				"application/x-www-form-urlencoded");
		assertThat(second.json()).containsEntry("progress", 2).containsEntry("sealed", true);
		NodeClient.Response done = this.client.call("POST", "sys/unseal", Map.of("key", this.keys.get(2)));
		assertThat(done.json()).containsEntry("sealed", false).containsEntry("progress", 0);
		assertThat(done.json().get("cluster_name").toString()).startsWith("vault-cluster-");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.client.call("GET", "sys/health", null).status()).isEqualTo(200));
	}

	@Test
	@Order(3)
	void withoutAValidTokenEverythingIsPermissionDenied() {
		NodeClient.Response none = this.client.call("GET", "sys/mounts", null);
		assertThat(none.status()).isEqualTo(403);
		assertThat(none.json()).isEqualTo(Map.of("errors", List.of("permission denied")));
		assertThat(new NodeClient("http://127.0.0.1:" + this.port).token("hvs.wrong")
			.call("GET", "sys/mounts", null)
			.status()).isEqualTo(403);
		NodeClient.Response preflight = this.client.call("GET", "sys/internal/ui/mounts/secret/foo", null);
		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.body()).contains("preflight capability check returned 403");
	}

	@Test
	@Order(4)
	void rootTokenLooksItselfUp() {
		NodeClient.Response self = this.client.token(this.rootToken).call("GET", "auth/token/lookup-self", null);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data()).containsEntry("policies", List.of("root"))
			.containsEntry("id", this.rootToken)
			.containsEntry("ttl", 0)
			.containsEntry("path", "auth/token/root");
		assertThat(self.json()).containsKeys("request_id", "lease_id", "renewable", "lease_duration", "wrap_info",
				"warnings", "auth");
	}

	@Test
	@Order(5)
	@SuppressWarnings("unchecked")
	void autopilotStateShowsTheSingleNodeAsLeaderWithNoFailureTolerance() {
		assertThat(this.client.token(null).call("GET", "sys/storage/raft/autopilot/state", null).status())
			.isEqualTo(403);
		this.client.token(this.rootToken);
		NodeClient.Response state = this.client.call("GET", "sys/storage/raft/autopilot/state", null);
		assertThat(state.status()).isEqualTo(200);
		assertThat(state.data()).containsEntry("healthy", true)
			.containsEntry("failure_tolerance", 0)
			.containsEntry("leader", this.ha.nodeId())
			.containsEntry("voters", List.of(this.ha.nodeId()));
		Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) state.data().get("servers"))
			.get(this.ha.nodeId());
		assertThat(server).containsEntry("id", this.ha.nodeId())
			.containsEntry("status", "leader")
			.containsEntry("node_status", "alive")
			.containsEntry("healthy", true)
			.containsEntry("last_contact", "0s")
			.containsKeys("address", "last_term", "last_index", "stable_since", "name");
		NodeClient.Response configuration = this.client.call("GET", "sys/storage/raft/configuration", null);
		assertThat(configuration.status()).isEqualTo(200);
		List<Map<String, Object>> servers = (List<Map<String, Object>>) ((Map<String, Object>) configuration.data()
			.get("config")).get("servers");
		assertThat(servers).singleElement()
			.satisfies((s) -> assertThat(s).containsEntry("node_id", this.ha.nodeId())
				.containsEntry("leader", true)
				.containsEntry("voter", true));
		assertThat(this.client.call("POST", "sys/storage/raft/autopilot/state", Map.of()).status()).isEqualTo(405);

		// every node tells its own view, without a token, beside Vault's sys/health
		NodeClient.Response own = this.client.token(null).raw("GET", "/actuator/health/cluster");
		this.client.token(this.rootToken);
		assertThat(own.status()).isEqualTo(200);
		Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) own.json()
			.get("components")).get("raft")).get("details");
		assertThat(details).containsEntry("node_id", this.ha.nodeId())
			.containsEntry("voter", true)
			.containsEntry("failure_tolerance", 0)
			.containsEntry("voters", List.of(this.ha.nodeId()))
			.containsEntry("non_voters", List.of());
	}

	@Test
	@Order(5)
	void mountTableListsSysAndRejectsUnknownTypesAndReservedPaths() {
		this.client.token(this.rootToken);
		NodeClient.Response mounts = this.client.call("GET", "sys/mounts", null);
		assertThat(mounts.status()).isEqualTo(200);
		assertThat(mounts.data()).containsKey("sys/");
		assertThat(mounts.json()).containsKey("sys/");
		assertThat(this.client.call("POST", "sys/mounts/x", Map.of("type", "nope")).status()).isEqualTo(400);
		assertThat(this.client.call("POST", "sys/mounts/sys", Map.of("type", "kv")).status()).isEqualTo(400);
		assertThat(
				this.client.call("POST", "sys/mounts/x", Map.of("type", "transit", "options", Map.of("version", "2")))
					.status())
			.isEqualTo(400);
		assertThat(this.client.call("DELETE", "sys/mounts/never-mounted", null).status()).isEqualTo(204);
	}

	@Test
	@Order(6)
	void badInputGetsVaultErrors() {
		this.client.token(this.rootToken);
		NodeClient.Response unknown = this.client.call("GET", "nothing-here/x", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("no handler for route");
		assertThat(this.client.call("TRACE", "sys/mounts", null).status()).isIn(405, 400);
		assertThat(this.client.call("GET", "sys/mounts?list=maybe", null).status()).isEqualTo(400);
		assertThat(this.client.call("PATCH", "sys/mounts/x", Map.of(), "application/json").status()).isEqualTo(415);
		assertThat(this.client.call("DELETE", "sys/init", null).status()).isEqualTo(405);
		assertThat(this.client.call("GET", "sys/not-a-thing", null).json())
			.isEqualTo(Map.of("errors", List.of("unsupported path")));
		NodeClient.Response huge = this.client.call("PUT", "sys/mounts/big",
				"{\"x\":\"" + "a".repeat(33 * 1024 * 1024) + "\"}");
		assertThat(huge.status()).isEqualTo(413);
	}

	@Test
	@Order(6)
	@SuppressWarnings("unchecked")
	void kvVersionTwoOverHttpWithTheListVerbAndCommas() {
		this.client.token(this.rootToken);
		assertThat(
				this.client.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")))
					.status())
			.isEqualTo(204);
		NodeClient.Response write = this.client.call("POST", "secret/data/myapp,dev", Map.of("data", Map.of("k", "v")));
		assertThat(write.status()).isEqualTo(200);
		assertThat(write.data()).containsEntry("version", 1);
		NodeClient.Response read = this.client.call("GET", "secret/data/myapp,dev", null);
		assertThat((Map<String, Object>) read.data().get("data")).containsEntry("k", "v");
		assertThat(read.json()).containsEntry("mount_type", "kv");
		NodeClient.Response list = this.client.call("LIST", "secret/metadata", null);
		assertThat(list.data()).containsEntry("keys", List.of("myapp,dev"));
		assertThat(this.client.call("GET", "secret/metadata/?list=true", null).data()).containsEntry("keys",
				List.of("myapp,dev"));
		NodeClient.Response empty = this.client.call("LIST", "secret/metadata/none", null);
		assertThat(empty.status()).isEqualTo(404);
		assertThat(empty.json()).isEqualTo(Map.of("errors", List.of()));
		NodeClient.Response ui = this.client.call("GET", "sys/internal/ui/mounts/secret/myapp,dev", null);
		assertThat(ui.data()).containsEntry("path", "secret/").containsEntry("type", "kv");
		assertThat((Map<String, Object>) ui.data().get("options")).containsEntry("version", "2");
		NodeClient.Response patch = this.client.call("PATCH", "secret/data/myapp,dev", Map.of("data", Map.of("n", "1")),
				"application/merge-patch+json");
		assertThat(patch.data()).containsEntry("version", 2);
	}

	@Test
	@Order(6)
	void kvVersionOneWritesAre204AndReadsCarryTheMountTtl() {
		this.client.token(this.rootToken);
		assertThat(this.client.call("POST", "sys/mounts/kv1", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(this.client.call("PUT", "kv1/app", Map.of("password", "s3cr3t")).status()).isEqualTo(204);
		NodeClient.Response read = this.client.call("GET", "kv1/app", null);
		assertThat(read.data()).containsEntry("password", "s3cr3t");
		assertThat(read.json()).containsEntry("lease_duration", 2764800).containsEntry("lease_id", "");
		assertThat(this.client.call("DELETE", "sys/mounts/kv1", null).status()).isEqualTo(204);
		assertThat(this.client.call("GET", "kv1/app", null).status()).isEqualTo(404);
	}

	@Test
	@Order(7)
	void rotationAdvancesTheKeyTerm() {
		this.client.token(this.rootToken);
		assertThat(this.client.call("GET", "sys/key-status", null).data()).containsEntry("term", 1);
		assertThat(this.client.call("PUT", "sys/rotate", null).status()).isEqualTo(204);
		assertThat(this.client.call("GET", "sys/key-status", null).json()).containsEntry("term", 2);
	}

	@Test
	@Order(8)
	void aStandbyRefusesLogicalRequestsMarkedNotExecuted() {
		this.client.token(this.rootToken);
		this.ha.leaveElection();
		try {
			NodeClient.Response standby = this.client.call("GET", "sys/mounts", null);
			assertThat(standby.status()).isEqualTo(503);
			assertThat(standby.header("X-Coffer-Not-Executed")).isEqualTo("true");
			assertThat(this.client.call("GET", "sys/health", null).status()).isEqualTo(429);
			assertThat(this.client.call("GET", "sys/health?standbyok=true", null).status()).isEqualTo(200);
		}
		finally {
			this.ha.joinElection();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.client.call("GET", "sys/mounts", null).status()).isEqualTo(200));
	}

	@Test
	@Order(9)
	void sealNeedsTheRootTokenThenEverythingIs503() {
		assertThat(new NodeClient("http://127.0.0.1:" + this.port).call("PUT", "sys/seal", null).status())
			.isEqualTo(403);
		assertThat(this.client.token(this.rootToken).call("PUT", "sys/seal", null).status()).isEqualTo(204);
		NodeClient.Response sealed = this.client.call("GET", "sys/mounts", null);
		assertThat(sealed.status()).isEqualTo(503);
		assertThat(sealed.json()).isEqualTo(Map.of("errors", List.of("Vault is sealed")));
		NodeClient.Response health = this.client.call("GET", "sys/health", null);
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json()).doesNotContainKey("cluster_id");
	}

}
