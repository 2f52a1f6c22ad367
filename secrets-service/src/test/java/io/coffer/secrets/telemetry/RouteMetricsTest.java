package io.coffer.secrets.telemetry;

import java.util.HashSet;
import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault's per-mount route summaries: named as Vault's router names them, counting each
 * request, bounded by the mount table.
 */
class RouteMetricsTest {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final Set<String> mounted = new HashSet<>(Set.of("secret/", "auth/token/", "sys/"));

	private final RouteMetrics routes = new RouteMetrics(this.registry, () -> Set.copyOf(this.mounted));

	@Test
	void eachRequestIsCountedUnderItsOperationAndMountAsVaultNamesIt() {
		this.routes.record("read", "secret/", System.nanoTime());
		this.routes.record("read", "secret/", System.nanoTime());
		this.routes.record("create", "auth/token/", System.nanoTime());

		assertThat(this.registry.get("vault.route.read.secret-").summary().count()).isEqualTo(2);
		assertThat(this.registry.get("vault.route.create.auth-token-").summary().count()).isEqualTo(1);
		assertThat(this.registry.scrape()).contains("# TYPE vault_route_read_secret_ summary")
			.contains("vault_route_read_secret__count 2")
			.contains("vault_route_create_auth_token__count 1")
			.contains("vault_route_read_secret_{quantile=\"0.99\"}")
			.contains("vault_route_read_secret__sum ");
	}

	@Test
	void theTimeIsInMilliseconds() {
		this.routes.record("list", "sys/", System.nanoTime() - 2_000_000_000L);

		assertThat(this.registry.get("vault.route.list.sys-").summary().totalAmount()).isBetween(2000.0, 60_000.0);
	}

	@Test
	void aMountsSummariesGoOnceItIsUnmounted() {
		this.routes.record("read", "secret/", System.nanoTime());
		this.mounted.remove("secret/");

		this.routes.record("read", "sys/", System.nanoTime());

		assertThat(this.registry.find("vault.route.read.secret-").summary()).isNull();
		assertThat(this.registry.scrape()).doesNotContain("vault_route_read_secret_")
			.contains("vault_route_read_sys__count 1");
	}

}
