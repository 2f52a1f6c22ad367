package io.coffer.lease.revoke;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that keeps refusing a revocation makes the lease irrevocable after
 * {@code max-attempts} (3 here), its error kept; a node that cannot be reached does not.
 */
class IrrevocableTest extends LeaseServiceTest {

	@Test
	void aLeaseTheNodeKeepsRefusingBecomesIrrevocableWithItsError() {
		NODE.answerRevocations(500, "permission denied to drop role");
		String id = leaseId("database/creds/refused");
		register(id, 1, 0, true);
		await().atMost(Duration.ofSeconds(15)).until(() -> NODE.revocations(id) == 3);
		await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		assertThat(NODE.revocations(id)).isEqualTo(3);
		assertThat(gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode()).isEqualTo(200);

		JsonNode listed = json(gateway("GET", "/v1/sys/leases?type=irrevocable", null)).path("data");
		assertThat(listed.path("lease_count").asInt()).isGreaterThanOrEqualTo(1);
		JsonNode entry = null;
		for (JsonNode lease : listed.path("leases")) {
			if (lease.path("lease_id").asString().equals(id)) {
				entry = lease;
			}
		}
		assertThat(entry).isNotNull();
		assertThat(entry.path("error").asString()).isEqualTo("permission denied to drop role");
		assertThat(entry.path("mount_id").asString()).isEqualTo("mount_accessor_1");
		JsonNode counts = json(gateway("GET", "/v1/sys/leases/count?type=irrevocable", null)).path("data");
		assertThat(counts.path("lease_count").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(counts.path("counts").path("mount_accessor_1").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(json(gateway("GET", "/v1/sys/leases/count", null)).path("data").path("lease_count").asLong())
			.isGreaterThanOrEqualTo(1);

		HttpResponse<String> forced = gateway("PUT", "/v1/sys/leases/revoke-force/database/creds/refused/", null);
		assertThat(forced.statusCode()).isEqualTo(204);
		assertThat(gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode()).isEqualTo(400);
		assertThat(gateway("GET", "/v1/sys/leases?type=irrevocable", null).body()).doesNotContain(id);
		assertThat(NODE.revocations(id)).isEqualTo(3);
	}

	@Test
	void tidyIsAcceptedWithVaultsWarning() {
		HttpResponse<String> tidy = gateway("POST", "/v1/sys/leases/tidy", null);
		assertThat(tidy.statusCode()).isEqualTo(202);
		assertThat(json(tidy).path("warnings").get(0).asString()).startsWith("Tidy operation successfully started");
	}

	@Test
	void anUnreachableNodeCostsTheLeaseNoAttempt() {
		NODE.answerEverything(503);
		String id = leaseId("database/creds/standby");
		register(id, 1, 0, true);
		await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
		NODE.answerEverything(0);
		await().atMost(Duration.ofSeconds(30)).until(() -> NODE.revocations(id) == 1);
	}

}
