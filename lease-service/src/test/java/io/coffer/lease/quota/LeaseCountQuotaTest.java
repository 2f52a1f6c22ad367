package io.coffer.lease.quota;

import java.net.http.HttpResponse;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Lease-count quotas: CRUD as Vault Enterprise, enforced at registration. */
class LeaseCountQuotaTest extends LeaseServiceTest {

	@Test
	void aFullQuotaRefusesWithVaultsMessageUntilALeaseIsRevoked() {
		HttpResponse<String> created = gateway("POST", "/v1/sys/quotas/lease-count/two-creds",
				body(Map.of("path", "quota-db/", "max_leases", 2)));
		assertThat(created.statusCode()).isEqualTo(204);
		String first = leaseId("quota-db/creds/ro");
		assertThat(register(first, 600, 0, true).statusCode()).isEqualTo(200);
		assertThat(register(leaseId("quota-db/creds/ro"), 600, 0, true).statusCode()).isEqualTo(200);
		assertThat(register(leaseId("elsewhere/creds/ro"), 600, 0, true).statusCode()).isEqualTo(200);

		HttpResponse<String> refused = register(leaseId("quota-db/creds/ro"), 600, 0, true);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(json(refused).path("errors").get(0).asString())
			.isEqualTo("1 error occurred:\n\t* request path \"quota-db/creds/ro\": lease count quota exceeded\n\n");

		assertThat(gateway("PUT", "/v1/sys/leases/revoke", body(Map.of("lease_id", first))).statusCode())
			.isEqualTo(204);
		assertThat(register(leaseId("quota-db/creds/ro"), 600, 0, true).statusCode()).isEqualTo(200);

		JsonNode quota = json(gateway("GET", "/v1/sys/quotas/lease-count/two-creds", null)).path("data");
		assertThat(quota.path("type").asString()).isEqualTo("lease-count");
		assertThat(quota.path("path").asString()).isEqualTo("quota-db/");
		assertThat(quota.path("max_leases").asLong()).isEqualTo(2);
		assertThat(quota.path("counter").asLong()).isEqualTo(2);
	}

	@Test
	void aNewQuotaCountsTheLeasesAlreadyThereAndTheMostSpecificOneApplies() {
		register(leaseId("counted/creds/ro"), 600, 0, true);
		register(leaseId("counted/creds/ro"), 600, 0, true);
		register(leaseId("counted/creds/rw"), 600, 0, true);
		gateway("POST", "/v1/sys/quotas/lease-count/counted-mount", body(Map.of("path", "counted/", "max_leases", 10)));
		assertThat(json(gateway("GET", "/v1/sys/quotas/lease-count/counted-mount", null)).path("data")
			.path("counter")
			.asLong()).isEqualTo(3);
		gateway("POST", "/v1/sys/quotas/lease-count/counted-ro",
				body(Map.of("path", "counted/creds/ro", "max_leases", 2)));
		assertThat(json(gateway("GET", "/v1/sys/quotas/lease-count/counted-ro", null)).path("data")
			.path("counter")
			.asLong()).isEqualTo(2);
		assertThat(json(gateway("GET", "/v1/sys/quotas/lease-count/counted-mount", null)).path("data")
			.path("counter")
			.asLong()).isEqualTo(1);
		assertThat(register(leaseId("counted/creds/ro"), 600, 0, true).statusCode()).isEqualTo(429);
		assertThat(register(leaseId("counted/creds/rw"), 600, 0, true).statusCode()).isEqualTo(200);

		assertThat(gateway("DELETE", "/v1/sys/quotas/lease-count/counted-ro", null).statusCode()).isEqualTo(204);
		assertThat(json(gateway("GET", "/v1/sys/quotas/lease-count/counted-mount", null)).path("data")
			.path("counter")
			.asLong()).isEqualTo(4);
		assertThat(gateway("GET", "/v1/sys/quotas/lease-count/counted-ro", null).statusCode()).isEqualTo(404);
	}

	@Test
	void quotasAreListedAndValidated() {
		gateway("POST", "/v1/sys/quotas/lease-count/listed", body(Map.of("max_leases", 1_000_000)));
		HttpResponse<String> listed = gateway("LIST", "/v1/sys/quotas/lease-count", null);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(json(listed).path("data").path("keys").toString()).contains("\"listed\"");
		assertThat(gateway("POST", "/v1/sys/quotas/lease-count/bad", body(Map.of("max_leases", 0))).statusCode())
			.isEqualTo(400);
		assertThat(gateway("POST", "/v1/sys/quotas/lease-count/bad", body(Map.of("max_leases", "many"))).statusCode())
			.isEqualTo(400);
		gateway("DELETE", "/v1/sys/quotas/lease-count/listed", null);
	}

}
