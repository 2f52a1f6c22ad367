package io.coffer.lease.revoke;

import java.time.Duration;
import java.util.Map;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

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
