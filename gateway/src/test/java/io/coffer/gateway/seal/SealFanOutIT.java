package io.coffer.gateway.seal;

import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.FakeSecretsNode.Received;
import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class SealFanOutIT extends GatewayIntegrationTest {

	private static final String GOOD_SHARE = "{\"key\":\"" + FakeSecretsNode.GOOD_KEY + "\"}";

	@Test
	void unsealShareReachesEveryNodeAndFirstUnsealedNodeAnswers() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);
		this.cluster.a.modeAfterUnseal(Mode.SEALED);
		this.monitor.refresh().block();

		this.client.put()
			.uri("/v1/sys/unseal")
			.bodyValue(GOOD_SHARE)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.sealed")
			.isEqualTo(false)
			.jsonPath("$.node")
			.isEqualTo("b");

		assertThat(this.cluster.nodes())
			.allSatisfy((node) -> assertThat(node.received("/v1/sys/unseal")).extracting(Received::body)
				.containsExactly(GOOD_SHARE));
		assertThat(this.cluster.b.mode()).isEqualTo(Mode.STANDBY);
		assertThat(this.cluster.c.mode()).isEqualTo(Mode.STANDBY);
	}

	@Test
	void unsealWithNoNodeUnsealedAnswersWithFirstNodesProgress() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);

		this.client.post()
			.uri("/v1/sys/unseal")
			.bodyValue("{\"key\":\"partial-share\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sealed")
			.isEqualTo(true)
			.jsonPath("$.node")
			.isEqualTo("a");
	}

	@Test
	void unsealRejectionIsReturnedAsIs() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);

		this.client.put()
			.uri("/v1/sys/unseal")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"errors\":[\"'key' must be specified in request body as JSON\"]}", true);
	}

	@Test
	void aNodeStillApplyingInitDoesNotTurnTheClusterAnswerIntoAnError() {
		this.cluster.setModes(Mode.UNINITIALIZED, Mode.SEALED, Mode.SEALED);

		this.client.put()
			.uri("/v1/sys/unseal")
			.bodyValue("{\"key\":\"partial-share\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sealed")
			.isEqualTo(true)
			.jsonPath("$.node")
			.isEqualTo("b");
	}

	@Test
	void unsealedNodeAnswersEvenWhenASealedOneRejectsTheShare() {
		this.cluster.setModes(Mode.SEALED, Mode.STANDBY, Mode.ACTIVE);

		this.client.put()
			.uri("/v1/sys/unseal")
			.bodyValue("{\"key\":\"" + FakeSecretsNode.WRONG_KEY + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sealed")
			.isEqualTo(false)
			.jsonPath("$.node")
			.isEqualTo("b");
	}

	@Test
	void unsealSkipsUnreachableNode() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);
		this.cluster.a.stop();

		this.client.put().uri("/v1/sys/unseal").bodyValue(GOOD_SHARE).exchange().expectStatus().isOk();

		assertThat(this.cluster.b.received("/v1/sys/unseal")).hasSize(1);
		assertThat(this.cluster.c.received("/v1/sys/unseal")).hasSize(1);
	}

	@Test
	void sealReachesEveryUnsealedNodeWithTheToken() {
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.SEALED);

		this.client.put()
			.uri("/v1/sys/seal")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");

		assertThat(this.cluster.nodes()).allSatisfy((node) -> assertThat(node.mode()).isEqualTo(Mode.SEALED));
		assertThat(this.cluster.b.received("/v1/sys/seal")).extracting(Received::token)
			.containsExactly(FakeSecretsNode.ROOT_TOKEN);
		assertThat(this.cluster.c.received("/v1/sys/seal")).isEmpty();
	}

	@Test
	void sealWithANodeUnreachableFailsAndNamesIt() {
		this.cluster.c.stop();

		this.client.put()
			.uri("/v1/sys/seal")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.json("{\"errors\":[\"seal incomplete: 1 node may still be unsealed and serving: " + this.cluster.c.url()
					+ " (no answer)\"]}", true);

		assertThat(this.cluster.a.mode()).isEqualTo(Mode.SEALED);
		assertThat(this.cluster.b.mode()).isEqualTo(Mode.SEALED);
	}

	@Test
	void aNodeWhoseHealthProbeTimesOutIsStillSealed() {
		// the probe sees c as unreachable; it still serves, so it must be sealed too
		this.cluster.c.healthDelay(java.time.Duration.ofSeconds(3));

		this.client.put()
			.uri("/v1/sys/seal")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isNoContent();

		assertThat(this.cluster.nodes()).allSatisfy((node) -> assertThat(node.mode()).isEqualTo(Mode.SEALED));
	}

	@Test
	void sealRefusedByActiveNodeSealsNothing() {
		this.client.post()
			.uri("/v1/sys/seal")
			.header("X-Vault-Token", "not-root")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"errors\":[\"permission denied\"]}", true);

		assertThat(this.cluster.a.mode()).isEqualTo(Mode.ACTIVE);
		assertThat(this.cluster.b.received("/v1/sys/seal")).isEmpty();
	}

	@Test
	void sealOfSealedClusterGivesNodesSealedAnswer() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);

		this.client.put()
			.uri("/v1/sys/seal")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"errors\":[\"Vault is sealed\"]}", true);
	}

}
