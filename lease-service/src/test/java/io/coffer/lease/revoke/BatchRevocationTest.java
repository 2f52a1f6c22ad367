package io.coffer.lease.revoke;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases go to the node in batches ({@code /internal/leases/revoke-batch}) and each keeps
 * the outcome of its own: a refused one stays (attempt counted, error kept, irrevocable
 * in the end) while the others of its batch are deleted; a node without the batch
 * endpoint gets one call per lease.
 */
class BatchRevocationTest extends LeaseServiceTest {

	private static final String REFUSAL = "role \"v-bulk\" cannot be dropped because some objects depend on it";

	@Autowired
	private Revoker revoker;

	@Test
	void aRefusedLeaseOfABatchStaysWhileTheOthersAreRevokedOnce() {
		String prefix = "bulk/creds/batch/";
		insertLeases(prefix, 300);
		String refused = prefix + "000150";
		NODE.refuse(refused, REFUSAL);
		int batches = NODE.batchCalls();
		HttpResponse<String> queued = gateway("PUT", "/v1/sys/leases/revoke-prefix/" + prefix,
				body(Map.of("sync", false)));
		assertThat(queued.statusCode()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(30)).until(() -> leasesUnder(prefix) == 1);
		assertThat(NODE.batchCalls()).isGreaterThan(batches);
		assertThat(NODE.revocations().entrySet().stream().filter((entry) -> entry.getKey().startsWith(prefix)))
			.hasSize(300)
			.allMatch((entry) -> entry.getKey().equals(refused) || entry.getValue().get() == 1);
		Map<String, Object> kept = this.jdbc.sql("SELECT state, attempts, last_error FROM leases WHERE lease_id = :id")
			.param("id", refused)
			.query()
			.singleRow();
		assertThat(((Number) kept.get("attempts")).intValue()).isGreaterThanOrEqualTo(1);
		assertThat(kept.get("last_error")).isEqualTo(REFUSAL);

		// after max-attempts (3 here) it is irrevocable, listed with the node's error
		await().atMost(Duration.ofSeconds(30))
			.until(() -> gateway("GET", "/v1/sys/leases?type=irrevocable", null).body().contains(refused));
		assertThat(json(gateway("GET", "/v1/sys/leases?type=irrevocable", null)).path("data").path("leases"))
			.anyMatch((lease) -> lease.path("lease_id").asString().equals(refused)
					&& lease.path("error").asString().equals(REFUSAL));
		assertThat(gateway("PUT", "/v1/sys/leases/revoke-force/" + prefix, null).statusCode()).isEqualTo(204);
	}

	@Test
	void aNodeWithoutBatchesGetsOneCallPerLease() {
		String prefix = "bulk/creds/single/";
		insertLeases(prefix, 50);
		NODE.acceptBatches(false);
		try {
			int batches = NODE.batchCalls();
			HttpResponse<String> revoked = gateway("PUT", "/v1/sys/leases/revoke-prefix/" + prefix, "{}");
			assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
			assertThat(leasesUnder(prefix)).isZero();
			assertThat(NODE.batchCalls()).isEqualTo(batches);
			assertThat(NODE.revocations().entrySet().stream().filter((entry) -> entry.getKey().startsWith(prefix)))
				.hasSize(50)
				.allMatch((entry) -> entry.getValue().get() == 1);
		}
		finally {
			NODE.acceptBatches(true);
			this.revoker.resumeBatches();
		}
	}

	private long leasesUnder(String prefix) {
		return this.jdbc.sql("SELECT count(*) FROM leases WHERE starts_with(lease_id, :prefix)")
			.param("prefix", prefix)
			.query(Long.class)
			.single();
	}

}
