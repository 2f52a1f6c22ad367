package io.coffer.lease.revoke;

import java.time.Duration;

import io.coffer.support.instance.InstanceId;
import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed while holding claims (leases being revoked, a revoke-prefix job)
 * takes them back as soon as it runs again, instead of waiting for their timeouts; the
 * restart is the worker's stop and start, the claims are those a killed life leaves.
 */
class RestartTakeOverTest extends LeaseServiceTest {

	@Autowired
	private RevocationWorker worker;

	@Autowired
	private InstanceId instance;

	@Test
	void aRestartedInstanceTakesBackWhatItsPreviousLifeHeld() {
		String id = leaseId("takeover/creds/ro");
		register(id, 600, 0, true);
		insertLeases("takeover/creds/job/", 50);
		this.worker.stop();
		try {
			this.jdbc
				.sql("""
						UPDATE leases SET state = 'revoking', claim_token = :token, next_attempt_time = now() + interval '1 hour'
						WHERE lease_id = :id""")
				.param("token", this.instance.value() + "/killed")
				.param("id", id)
				.update();
			this.jdbc
				.sql("""
						INSERT INTO revoke_prefix_jobs (job_id, prefix, state, created_time, updated_time, owner_until, owner)
						VALUES ('killed-job', 'takeover/creds/job/', 'running', now(), now(), now() + interval '1 hour', :owner)""")
				.param("owner", this.instance.value())
				.update();
		}
		finally {
			this.worker.start();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> NODE.revocations(id) == 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "done".equals(this.jdbc.sql("SELECT state FROM revoke_prefix_jobs WHERE job_id = 'killed-job'")
				.query(String.class)
				.single()));
		assertThat(NODE.revocations().keySet().stream().filter((lease) -> lease.startsWith("takeover/creds/job/")))
			.hasSize(50);
	}

}
