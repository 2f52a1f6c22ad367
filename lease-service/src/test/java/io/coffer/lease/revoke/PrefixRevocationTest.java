package io.coffer.lease.revoke;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** revoke-prefix as a resumable background job, and revoke-force. */
class PrefixRevocationTest extends LeaseServiceTest {

	@Autowired
	private RevocationWorker worker;

	@Test
	void revokePrefixOfTenThousandLeasesRevokesEachOnce() {
		insertLeases("bulk/creds/ten/", 10_000);
		String other = leaseId("bulk/creds/tenth");
		register(other, 600, 0, true);
		long started = System.nanoTime();
		HttpResponse<String> revoked = gateway("PUT", "/v1/sys/leases/revoke-prefix/bulk/creds/ten/", "{}");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		assertThat(NODE.revocations().keySet().stream().filter((id) -> id.startsWith("bulk/creds/ten/")))
			.hasSize(10_000);
		assertThat(NODE.revocations()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("bulk/creds/ten/"))
			.allMatch((entry) -> entry.getValue().get() == 1)).isTrue();
		assertThat(NODE.revocations(other)).isZero();
		assertThat(gateway("LIST", "/v1/sys/leases/lookup/bulk/creds/ten/", null).statusCode()).isEqualTo(404);
		JsonNode jobs = json(gateway("GET", "/v1/sys/leases/revoke-prefix-status", null)).path("data").path("jobs");
		JsonNode job = jobs.get(0);
		assertThat(job.path("prefix").asString()).isEqualTo("bulk/creds/ten/");
		assertThat(job.path("state").asString()).isEqualTo("done");
		assertThat(job.path("queued").asLong()).isEqualTo(10_000);
		System.out.println("revoke-prefix of 10,000 leases (sync) took " + millis + " ms");
	}

	@Test
	void aRevokePrefixJobResumesAfterItsWorkerStopped() {
		insertLeases("bulk/creds/resume/", 10_000);
		NODE.delayRevocations(500);
		HttpResponse<String> queued = gateway("PUT", "/v1/sys/revoke-prefix/bulk/creds/resume/",
				body(Map.of("sync", false)));
		assertThat(queued.statusCode()).isEqualTo(202);
		String jobId = queued.headers().firstValue("X-Coffer-Revoke-Prefix-Job").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> revokedUnder("bulk/creds/resume/") >= 1000);
		try {
			this.worker.stop();
			long atStop = revokedUnder("bulk/creds/resume/");
			JsonNode stopped = job(jobId);
			assertThat(stopped.path("state").asString()).isEqualTo("running");
			assertThat(atStop).isLessThan(10_000);
			NODE.delayRevocations(0);
		}
		finally {
			this.worker.start();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(job(jobId).path("state").asString()));
		assertThat(NODE.revocations()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("bulk/creds/resume/"))
			.peek((entry) -> assertThat(entry.getValue().get()).as(entry.getKey()).isEqualTo(1))
			.count()).isEqualTo(10_000);
	}

	private static long revokedUnder(String prefix) {
		return NODE.revocations().keySet().stream().filter((id) -> id.startsWith(prefix)).count();
	}

	@Test
	void revokeForceForgetsLeasesWithoutAskingTheNode() {
		insertLeases("bulk/creds/force/", 500);
		int before = NODE.totalRevocations();
		HttpResponse<String> forced = gateway("POST", "/v1/sys/leases/revoke-force/bulk/creds/force", null);
		assertThat(forced.statusCode()).isEqualTo(204);
		assertThat(gateway("LIST", "/v1/sys/leases/lookup/bulk/creds/force/", null).statusCode()).isEqualTo(404);
		assertThat(NODE.totalRevocations()).isEqualTo(before);
		assertThat(gateway("POST", "/v1/sys/revoke-force/", null).statusCode()).isEqualTo(400);
	}

	private JsonNode job(String jobId) {
		return json(gateway("GET", "/v1/sys/leases/revoke-prefix-status?job_id=" + jobId, null)).path("data")
			.path("jobs")
			.get(0);
	}

}
