package io.coffer.gateway.proxy;

import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLocalEndpointsIT extends GatewayIntegrationTest {

	@Test
	void healthIsAnsweredByActiveNodeWithItsQuery() {
		this.client.get()
			.uri("/v1/sys/health?standbyok=true&sealedcode=200")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a");

		assertThat(this.cluster.a.received("/v1/sys/health"))
			.anySatisfy((request) -> assertThat(request.query()).isEqualTo("standbyok=true&sealedcode=200"));
	}

	@Test
	void healthOfSealedClusterComesFromFirstReachableNode() {
		this.cluster.a.stop();
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);
		this.monitor.refresh().block();

		this.client.head().uri("/v1/sys/health").exchange().expectStatus().isEqualTo(503);
		this.client.get()
			.uri("/v1/sys/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.sealed")
			.isEqualTo(true)
			.jsonPath("$.node")
			.isEqualTo("b");
	}

	@Test
	void initGoesToFirstReachableNodeBeforeAnyIsActive() {
		this.cluster.setModes(Mode.UNINITIALIZED, Mode.UNINITIALIZED, Mode.UNINITIALIZED);
		this.monitor.refresh().block();

		this.client.put()
			.uri("/v1/sys/init")
			.bodyValue("{\"secret_shares\":1,\"secret_threshold\":1}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a");

		assertThat(this.cluster.a.received("/v1/sys/init").get(0).body()).contains("secret_shares");
		assertThat(this.cluster.b.received("/v1/sys/init")).isEmpty();
	}

	@Test
	void sealStatusSkipsNodeThatStoppedAnswering() {
		this.cluster.setModes(Mode.STANDBY, Mode.STANDBY, Mode.ACTIVE);
		this.monitor.refresh().block();
		this.cluster.c.stop();

		this.client.get()
			.uri("/v1/sys/seal-status")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("a");
	}

	@Test
	void leaderComesFromActiveNode() {
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.STANDBY);
		this.monitor.refresh().block();

		this.client.get()
			.uri("/v1/sys/leader")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.node")
			.isEqualTo("b");
	}

}
