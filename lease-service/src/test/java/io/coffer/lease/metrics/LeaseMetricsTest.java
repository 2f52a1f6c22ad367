package io.coffer.lease.metrics;

import java.net.http.HttpResponse;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vault's lease metric names at /actuator/prometheus. */
class LeaseMetricsTest extends LeaseServiceTest {

	@Test
	void leaseGaugesAndTimersUseVaultsNames() {
		register(leaseId("metrics/creds/ro"), 600, 0, true);
		HttpResponse<String> scrape = call("GET", "/actuator/prometheus", null, null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("vault_expire_num_leases ")
			.contains("vault_expire_num_irrevocable_leases ")
			.contains("vault_expire_revoke_seconds")
			.contains("vault_expire_renew_seconds")
			.contains("vault_quota_lease_count_violation");
		assertThat(scrape.body()).doesNotContain("vault_expire_num_leases 0.0");
	}

}
