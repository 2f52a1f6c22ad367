package io.coffer.gateway.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.FakeSecretsNode.Received;
import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveNodeProxyIT extends GatewayIntegrationTest {

	@Test
	void requestReachesActiveNodeUnchanged() {
		this.client.post()
			.uri(rawUrl("/v1/secret/data/app%2Fdb?version=3&x=a,b"))
			.header("X-Vault-Token", "client-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"data\":{\"k\":\"v\"}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a");

		Received received = this.cluster.a.received("/v1/secret/data/app%2Fdb").get(0);
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.query()).isEqualTo("version=3&x=a,b");
		assertThat(received.token()).isEqualTo("client-token");
		assertThat(received.body()).isEqualTo("{\"data\":{\"k\":\"v\"}}");
		assertThat(UUID.fromString(received.requestId()).version()).isEqualTo(4);
		assertThat(this.cluster.b.received("/v1/secret/data/app%2Fdb")).isEmpty();
	}

	@Test
	void listVerbPassesThrough() {
		this.client.method(HttpMethod.valueOf("LIST"))
			.uri("/v1/secret/metadata/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.method")
			.isEqualTo("LIST");

		assertThat(this.cluster.a.received("/v1/secret/metadata/")).extracting(Received::method)
			.containsExactly("LIST");
	}

	@Test
	void recoverVerbOfSingleItemRecoveryPassesThroughToTheActiveNode() {
		this.client.method(HttpMethod.valueOf("RECOVER"))
			.uri("/v1/secret/app")
			.header("X-Vault-Recover-Snapshot-Id", "2403d301-94f2-46a1-a39d-02be83e2831a")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a");

		assertThat(this.cluster.a.received("/v1/secret/app")).extracting(Received::method).containsExactly("RECOVER");
		assertThat(this.cluster.b.received("/v1/secret/app")).isEmpty();
	}

	@Test
	void standbyAnswerIsRetriedOnNewActiveAndNeverReturned() {
		// The gateway still believes a is active: a's refusal must send the request to b.
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.STANDBY);

		this.client.put()
			.uri("/v1/secret/data/moved")
			.bodyValue("{\"data\":{}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Coffer-Not-Executed")
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("b");

		Received refused = this.cluster.a.received("/v1/secret/data/moved").get(0);
		Received served = this.cluster.b.received("/v1/secret/data/moved").get(0);
		assertThat(served.requestId()).isEqualTo(refused.requestId());
		assertThat(served.body()).isEqualTo("{\"data\":{}}");
	}

	@Test
	void aSnapshotToRestoreIsStreamedWholePastTheRequestSizeLimit() {
		int size = 40 * 1024 * 1024;
		Flux<org.springframework.core.io.buffer.DataBuffer> chunks = Flux.range(0, size / (1024 * 1024))
			.map((i) -> org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance
				.wrap(new byte[1024 * 1024]));

		this.client.post()
			.uri("/v1/sys/storage/raft/snapshot")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, org.springframework.core.io.buffer.DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a")
			.jsonPath("$.body_length")
			.isEqualTo(size);

		assertThat(this.cluster.a.received("/v1/sys/storage/raft/snapshot")).hasSize(1);
	}

	@Test
	void aStreamedRestoreIsSentOnceAndAStandbysRefusalReachesTheClient() {
		// the gateway still believes a is active; the body cannot be replayed to b
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.STANDBY);

		this.client.post()
			.uri("/v1/sys/storage/raft/snapshot")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[4096])
			.exchange()
			.expectStatus()
			.isEqualTo(503);

		assertThat(this.cluster.a.received("/v1/sys/storage/raft/snapshot")).hasSize(1);
		assertThat(this.cluster.b.received("/v1/sys/storage/raft/snapshot")).isEmpty();
	}

	@Test
	void requestThatLostTheActiveRoleAfterAWriteIsNeverReplayed() {
		// a wrote (e.g. took a SecretID use), then lost its lock; b is already active
		this.cluster.a.loseActiveRoleAfterNextWrite();
		this.cluster.b.mode(Mode.ACTIVE);

		this.client.post()
			.uri("/v1/auth/approle/login")
			.bodyValue("{\"role_id\":\"r\",\"secret_id\":\"s\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"errors\":[\"" + FakeSecretsNode.LOST_ACTIVE_ROLE + "\"]}", true);

		assertThat(this.cluster.a.received("/v1/auth/approle/login")).hasSize(1);
		assertThat(this.cluster.b.received("/v1/auth/approle/login")).isEmpty();
		assertThat(this.cluster.c.received("/v1/auth/approle/login")).isEmpty();
	}

	@Test
	void requestWaitsThroughFailoverWhenActiveNodeDies() {
		this.cluster.a.stop();
		Mono.delay(Duration.ofMillis(400)).subscribe((tick) -> this.cluster.c.mode(Mode.ACTIVE));

		this.client.post()
			.uri("/v1/transit/encrypt/k")
			.bodyValue("{\"plaintext\":\"aGk=\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("c");

		assertThat(this.cluster.c.received("/v1/transit/encrypt/k")).hasSize(1);
		assertThat(this.monitor.current().active()).contains(this.cluster.c.url());
	}

	@Test
	void concurrentWritesDuringFailoverEachLandOnceOnNewActive() {
		this.cluster.a.stop();
		Mono.delay(Duration.ofMillis(300)).subscribe((tick) -> this.cluster.b.mode(Mode.ACTIVE));

		List<String> nodes = Flux.range(0, 10)
			.flatMap((i) -> this.client.post()
				.uri("/v1/secret/data/burst-" + i)
				.bodyValue("{\"data\":{}}")
				.exchange()
				.returnResult(String.class)
				.getResponseBody()
				.next())
			.collectList()
			.block(Duration.ofSeconds(15));

		assertThat(nodes).hasSize(10).allSatisfy((body) -> assertThat(body).contains("\"node\":\"b\""));
		for (int i = 0; i < 10; i++) {
			assertThat(this.cluster.b.received("/v1/secret/data/burst-" + i)).hasSize(1);
		}
	}

	@Test
	void noActiveNodeWithinBudgetIsVault503() {
		this.cluster.setModes(Mode.STANDBY, Mode.STANDBY, Mode.STANDBY);
		Instant start = Instant.now();

		this.client.get()
			.uri("/v1/secret/data/x")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.doesNotExist("X-Coffer-Not-Executed")
			.expectBody()
			.json("{\"errors\":[\"no active Vault instance found\"]}", true);

		assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(FAILOVER_BUDGET)
			.isLessThan(FAILOVER_BUDGET.multipliedBy(3));
		// a wedged cluster (every node a standby) is polled, not sent the request in a
		// loop (at most once, to the node last seen active), and nothing goes on after
		// the 503
		int sent = sent("/v1/secret/data/x");
		assertThat(sent).isLessThanOrEqualTo(1);
		Mono.delay(Duration.ofMillis(500)).block();
		assertThat(sent("/v1/secret/data/x")).isEqualTo(sent);
	}

	@Test
	void aNodeThatKeepsRefusingAsStandbyGetsTheRequestABoundedNumberOfTimes() {
		// health polls keep showing a as active while it refuses every request: the
		// gateway retries within its budget only, then answers Vault's 503 once
		this.cluster.setModes(Mode.ACTIVE, Mode.STANDBY, Mode.STANDBY);
		this.cluster.a.refuseAsStandby(true);
		Instant start = Instant.now();

		this.client.post()
			.uri("/v1/secret/data/y")
			.bodyValue("{\"data\":{}}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"errors\":[\"no active Vault instance found\"]}", true);

		assertThat(Duration.between(start, Instant.now())).isLessThan(FAILOVER_BUDGET.multipliedBy(3));
		int sent = sent("/v1/secret/data/y");
		// one attempt per retry interval (100 ms) at most, within the 2 s budget
		assertThat(sent).isPositive().isLessThanOrEqualTo(22);
		Mono.delay(Duration.ofMillis(500)).block();
		assertThat(sent("/v1/secret/data/y")).isEqualTo(sent);
	}

	@Test
	void noReachableNodeIsVault503() {
		this.cluster.nodes().forEach((node) -> node.stop());

		this.client.delete()
			.uri("/v1/secret/data/x")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"errors\":[\"no active Vault instance found\"]}", true);
	}

	@Test
	void sealedClusterAnswersWithNodesSealedErrorAtOnce() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.UNINITIALIZED);
		Instant start = Instant.now();

		this.client.get()
			.uri("/v1/secret/data/x")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.json("{\"errors\":[\"Vault is sealed\"]}", true);

		assertThat(Duration.between(start, Instant.now())).isLessThan(FAILOVER_BUDGET);
		assertThat(this.cluster.a.received("/v1/secret/data/x")).hasSize(1);
	}

	@Test
	void timedOutWriteIsNotSentAgain() {
		this.cluster.a.delay(RESPONSE_TIMEOUT.multipliedBy(3));

		this.client.post()
			.uri("/v1/secret/data/slow")
			.bodyValue("{\"data\":{}}")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.errors[0]")
			.isEqualTo("timed out waiting for the secrets node");

		assertThat(this.cluster.nodes()).allSatisfy(
				(node) -> assertThat(node.received("/v1/secret/data/slow")).hasSize(node == this.cluster.a ? 1 : 0));
	}

	private int sent(String path) {
		return this.cluster.nodes().stream().mapToInt((node) -> node.received(path).size()).sum();
	}

}
