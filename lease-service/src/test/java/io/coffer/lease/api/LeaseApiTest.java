package io.coffer.lease.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import io.coffer.lease.support.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Register, look up, list, renew and revoke leases as the nodes and clients do. */
class LeaseApiTest extends LeaseServiceTest {

	@Test
	void aRegisteredLeaseIsGrantedAndLookedUp() {
		String id = leaseId("database/creds/ro");
		HttpResponse<String> registered = register(id, 600, 3600, true);
		assertThat(registered.statusCode()).isEqualTo(200);
		JsonNode grant = json(registered);
		assertThat(grant.path("leaseId").asString()).isEqualTo(id);
		Instant issue = Instant.parse(grant.path("issueTime").asString());
		assertThat(Duration.between(issue, Instant.parse(grant.path("expireTime").asString()))).hasSeconds(600);

		HttpResponse<String> lookup = gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id)));
		assertThat(lookup.statusCode()).isEqualTo(200);
		JsonNode data = json(lookup).path("data");
		assertThat(data.path("id").asString()).isEqualTo(id);
		assertThat(data.path("renewable").asBoolean()).isTrue();
		assertThat(data.path("ttl").asLong()).isBetween(590L, 600L);
		assertThat(data.path("last_renewal").isNull()).isTrue();
		assertThat(Instant.parse(data.path("issue_time").asString())).isEqualTo(issue);
		assertThat(json(lookup).path("request_id").asString()).isNotEmpty();
		assertThat(lookup.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void aJsonBodyTypedAsAFormIsReadAsJsonAndAFormBodyAsAFormAsVaultDoes() {
		String id = leaseId("database/creds/ro");
		register(id, 600, 3600, true);
		String gateway = TestKeys.identity(TestKeys.GATEWAY, "gateway");
		String form = "application/x-www-form-urlencoded";

		HttpResponse<String> curlStyle = call("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id)), gateway,
				form);
		HttpResponse<String> formBody = call("PUT", "/v1/sys/leases/lookup", "lease_id=" + id.replace("/", "%2F"),
				gateway, form);

		assertThat(curlStyle.statusCode()).isEqualTo(200);
		assertThat(json(curlStyle).path("data").path("id").asString()).isEqualTo(id);
		assertThat(formBody.statusCode()).isEqualTo(200);
		assertThat(json(formBody).path("data").path("id").asString()).isEqualTo(id);
	}

	@Test
	void lookupOfAnUnknownLeaseIs400() {
		HttpResponse<String> lookup = gateway("POST", "/v1/sys/leases/lookup",
				body(Map.of("lease_id", "database/creds/ro/nope")));
		assertThat(lookup.statusCode()).isEqualTo(400);
		assertThat(lookup.body()).isEqualTo("{\"errors\":[\"invalid lease\"]}");
		HttpResponse<String> missing = gateway("POST", "/v1/sys/leases/lookup", "{}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("lease_id must be specified");
	}

	@Test
	void listingShowsOneLevelLikeADirectory() {
		String a = leaseId("listing/creds/ro");
		String b = leaseId("listing/creds/ro");
		String c = leaseId("listing/creds/rw");
		register(a, 600, 0, true);
		register(b, 600, 0, true);
		register(c, 600, 0, true);

		HttpResponse<String> top = gateway("LIST", "/v1/sys/leases/lookup/listing/creds", null);
		assertThat(top.statusCode()).isEqualTo(200);
		assertThat(json(top).path("data").path("keys").toString()).isEqualTo("[\"ro/\",\"rw/\"]");

		HttpResponse<String> leaves = gateway("GET", "/v1/sys/leases/lookup/listing/creds/ro/?list=true", null);
		assertThat(json(leaves).path("data").path("keys")).hasSize(2);
		assertThat(json(leaves).path("data").path("keys").toString()).contains(a.substring(a.lastIndexOf('/') + 1))
			.contains(b.substring(b.lastIndexOf('/') + 1));

		HttpResponse<String> empty = gateway("LIST", "/v1/sys/leases/lookup/nothing-here/", null);
		assertThat(empty.statusCode()).isEqualTo(404);
		assertThat(empty.body()).isEqualTo("{\"errors\":[]}");
	}

	@Test
	void renewAsksTheNodeAndTakesItsCeiling() {
		String id = leaseId("database/creds/ro");
		register(id, 60, 3600, true);
		NODE.grantRenewals(1200, true);

		HttpResponse<String> renewed = gateway("PUT", "/v1/sys/leases/renew",
				body(Map.of("lease_id", id, "increment", "30m")));
		assertThat(renewed.statusCode()).isEqualTo(200);
		JsonNode answer = json(renewed);
		assertThat(answer.path("lease_id").asString()).isEqualTo(id);
		assertThat(answer.path("renewable").isBoolean()).isTrue();
		assertThat(answer.path("lease_duration").asLong()).isBetween(1195L, 1200L);
		assertThat(NODE.lastRenewal().path("incrementSeconds").asLong()).isEqualTo(1800);
		assertThat(NODE.lastRenewal().path("leaseId").asString()).isEqualTo(id);

		JsonNode data = json(gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id)))).path("data");
		assertThat(data.path("ttl").asLong()).isBetween(1195L, 1200L);
		assertThat(data.path("last_renewal").isString()).isTrue();
	}

	@Test
	void renewNeverPassesTheMaximumTtl() {
		String id = leaseId("database/creds/ro");
		register(id, 60, 120, true);
		NODE.grantRenewals(100_000, true);
		HttpResponse<String> renewed = gateway("PUT", "/v1/sys/leases/renew",
				body(Map.of("lease_id", id, "increment", 100_000)));
		assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
		assertThat(json(renewed).path("lease_duration").asLong()).isBetween(115L, 120L);
	}

	@Test
	void renewTakesTheLeaseFromTheUrlAndNumericStrings() {
		String id = leaseId("database/creds/ro");
		register(id, 60, 0, true);
		HttpResponse<String> legacy = gateway("PUT", "/v1/sys/renew/" + id, body(Map.of("increment", "90")));
		assertThat(legacy.statusCode()).isEqualTo(200);
		assertThat(NODE.lastRenewal().path("incrementSeconds").asLong()).isEqualTo(90);
		HttpResponse<String> suffix = gateway("POST", "/v1/sys/leases/renew/" + id, null);
		assertThat(suffix.statusCode()).isEqualTo(200);
		assertThat(NODE.lastRenewal().path("incrementSeconds").asLong()).isZero();
	}

	@Test
	void renewRefusesWithVaultsMessages() {
		assertThat(gateway("PUT", "/v1/sys/leases/renew", body(Map.of("lease_id", "database/creds/ro/unknown"))).body())
			.isEqualTo("{\"errors\":[\"lease not found\"]}");
		HttpResponse<String> missing = gateway("PUT", "/v1/sys/leases/renew", "{}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).isEqualTo("{\"errors\":[\"lease_id must be specified\"]}");

		String fixed = leaseId("database/creds/ro");
		register(fixed, 60, 0, false);
		HttpResponse<String> notRenewable = gateway("PUT", "/v1/sys/leases/renew", body(Map.of("lease_id", fixed)));
		assertThat(notRenewable.statusCode()).isEqualTo(400);
		assertThat(notRenewable.body()).isEqualTo("{\"errors\":[\"lease is not renewable\"]}");

		String id = leaseId("database/creds/ro");
		register(id, 60, 0, true);
		HttpResponse<String> badIncrement = gateway("PUT", "/v1/sys/leases/renew",
				body(Map.of("lease_id", id, "increment", "soon")));
		assertThat(badIncrement.statusCode()).isEqualTo(400);
		HttpResponse<String> badJson = gateway("PUT", "/v1/sys/leases/renew", "{\"lease_id\":");
		assertThat(badJson.statusCode()).isEqualTo(400);
	}

	@Test
	void aSyncRevokeRevokesOnTheNodeAtOnce() {
		String id = leaseId("database/creds/ro");
		register(id, 600, 0, true);
		HttpResponse<String> revoked = gateway("PUT", "/v1/sys/leases/revoke", body(Map.of("lease_id", id)));
		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(NODE.revocations(id)).isEqualTo(1);
		assertThat(gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode()).isEqualTo(400);
		assertThat(gateway("PUT", "/v1/sys/leases/revoke", body(Map.of("lease_id", id))).statusCode()).isEqualTo(204);
		assertThat(NODE.revocations(id)).isEqualTo(1);
	}

	@Test
	void anAsyncRevokeIsQueuedAndDoneByTheWorker() {
		String id = leaseId("database/creds/ro");
		register(id, 600, 0, true);
		HttpResponse<String> queued = gateway("PUT", "/v1/sys/revoke/" + id, body(Map.of("sync", false)));
		assertThat(queued.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> NODE.revocations(id) == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode() == 400);
	}

	@Test
	void aSyncRevokeTheNodeRefusesIs500WithItsError() {
		String id = leaseId("database/creds/ro");
		register(id, 600, 0, true);
		NODE.answerRevocations(500, "cannot drop role: permission denied for database");
		HttpResponse<String> failed = gateway("PUT", "/v1/sys/leases/revoke", body(Map.of("lease_id", id)));
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("failed to revoke entry: cannot drop role: permission denied for database");
		assertThat(gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiredLeaseIsRevokedOnItsOwn() {
		String id = leaseId("database/creds/ro");
		register(id, 1, 0, true);
		await().atMost(Duration.ofSeconds(10)).until(() -> NODE.revocations(id) == 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode() == 400);
		assertThat(NODE.unsignedCalls()).isZero();
	}

	@Test
	void aRevokedTokensLeasesAreRevoked() {
		String id = leaseId("database/creds/ro");
		register(id, 600, 0, true);
		HttpResponse<String> queued = node("POST", "/internal/leases/revoke-token",
				body(Map.of("tokenAccessor", "token_accessor_1")));
		assertThat(queued.statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(10)).until(() -> NODE.revocations(id) == 1);
	}

	@Test
	void badRegistrationsAre400() {
		assertThat(node("POST", "/internal/leases", "{\"leaseId\":\"x\"}").statusCode()).isEqualTo(400);
		assertThat(node("POST", "/internal/leases", "not json").statusCode()).isEqualTo(400);
		String id = leaseId("database/creds/ro");
		assertThat(register(id, 60, 0, true).statusCode()).isEqualTo(200);
		assertThat(register(id, 60, 0, true).statusCode()).isEqualTo(400);
		assertThat(register(leaseId("database/creds/ro"), 0, 0, true).statusCode()).isEqualTo(400);
	}

	@Test
	void onlyTheListedCallersOnTheirPaths() {
		assertThat(call("PUT", "/v1/sys/leases/lookup", "{}", null).statusCode()).isEqualTo(401);
		assertThat(gateway("POST", "/internal/leases", "{}").statusCode()).isEqualTo(403);
		assertThat(node("PUT", "/v1/sys/leases/lookup", "{}").statusCode()).isEqualTo(403);
		assertThat(
				call("PUT", "/v1/sys/leases/lookup", "{}", TestKeys.identity(TestKeys.LEASE, "gateway")).statusCode())
			.isEqualTo(401);
	}

}
