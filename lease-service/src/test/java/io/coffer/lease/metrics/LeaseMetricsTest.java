package io.coffer.lease.metrics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Vault's lease metric names at /actuator/prometheus. */
class LeaseMetricsTest extends LeaseServiceTest {

	private static final Pattern METERED_MAX = Pattern
		.compile("(?m)^vault_quota_lease_count_max\\{[^}]*name=\"metered\"[^}]*} 7\\.0$");

	private static final Pattern METERED_COUNTER = Pattern
		.compile("(?m)^vault_quota_lease_count_counter\\{[^}]*name=\"metered\"[^}]*} 1\\.0$");

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

	@Test
	void eachLeaseCountQuotaHasItsMaximumAndCounter() {
		gateway("POST", "/v1/sys/quotas/lease-count/metered", body(Map.of("path", "metered/", "max_leases", 7)));
		register(leaseId("metered/creds/ro"), 600, 0, true);
		// the counts are cached a few seconds; a new quota's gauges appear at the refresh
		// after it
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			String body = call("GET", "/actuator/prometheus", null, null).body();
			// every series also carries the process's service="lease" label
			return METERED_MAX.matcher(body).find() && METERED_COUNTER.matcher(body).find();
		});
	}

}
