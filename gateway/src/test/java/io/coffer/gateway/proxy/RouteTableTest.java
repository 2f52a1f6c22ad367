package io.coffer.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.gateway.config.RetryPolicy;
import io.coffer.gateway.config.RouteTableProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RouteTableTest {

	private static final List<URI> NODES = List.of(URI.create("http://127.0.0.1:8210"));

	private static final URI LEASE = URI.create("http://127.0.0.1:8220");

	@Test
	void theComingServicesOwnTheirReservedPaths() {
		RouteTable table = table(Map.of());
		assertThat(table.ownerOf("sys/leases/lookup").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/renew/database/creds/app/abc").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/revoke").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/revoke-prefix/database/").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/revoke-force/x").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/quotas/lease-count/q").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/quotas/lease-count").name()).isEqualTo("lease");
		assertThat(table.ownerOf("sys/audit").name()).isEqualTo("audit");
		assertThat(table.ownerOf("sys/audit/file").name()).isEqualTo("audit");
		assertThat(table.ownerOf("sys/audit-hash/file").name()).isEqualTo("audit");
		assertThat(table.ownerOf("sys/audit-stream/file").name()).isEqualTo("audit");
		assertThat(table.ownerOf("sys/audit-verify").name()).isEqualTo("audit");
		assertThat(table.ownerOf("sys/storage/raft/snapshot-auto/config/daily").name()).isEqualTo("snapshot");
	}

	@Test
	void prefixesMatchWholeSegmentsOnly() {
		RouteTable table = table(Map.of());
		assertThat(table.ownerOf("sys/auditx").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/leasesx/lookup").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/revoke-other").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/storage/raft/snapshot").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/storage/raft/snapshot-force").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/quotas/rate-limit/global").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("sys/quotas/config").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("auth/token/revoke").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("secret/data/sys/leases").name()).isEqualTo("secrets");
		assertThat(table.ownerOf("").name()).isEqualTo("secrets");
	}

	@Test
	void anOwnerWithoutUrlFallsThroughToTheSecretsNodes() {
		RouteTable table = table(Map.of());
		assertThat(table.ownerOf("sys/leases/lookup").isDeployed()).isFalse();
		assertThat(table.routeFor("sys/leases/lookup").name()).isEqualTo("secrets");
		assertThat(table.routeFor("sys/leases/lookup").urls()).isEqualTo(NODES);
		assertThat(table.routeFor("sys/leases/lookup").retry()).isEqualTo(RetryPolicy.FAILOVER);
	}

	@Test
	void aConfiguredUrlDeploysAnOwnerKeepingItsBuiltInPrefixes() {
		RouteTable table = table(Map.of("lease", new RouteTableProperties.Owner(null, List.of(LEASE), null)));
		Owner lease = table.routeFor("sys/leases/lookup");
		assertThat(lease.name()).isEqualTo("lease");
		assertThat(lease.urls()).containsExactly(LEASE);
		assertThat(lease.retry()).isEqualTo(RetryPolicy.CONNECT_FAILURES);
		assertThat(table.routeFor("sys/audit").name()).isEqualTo("secrets");
	}

	@Test
	void aNewServiceRegistersItsPrefixesAndTheLongestPrefixWins() {
		RouteTable table = table(Map.of("kmip",
				new RouteTableProperties.Owner(List.of("/sys/leases/kmip/"), List.of(LEASE), RetryPolicy.NONE)));
		assertThat(table.routeFor("sys/leases/kmip/x").name()).isEqualTo("kmip");
		assertThat(table.ownerOf("sys/leases/lookup").name()).isEqualTo("lease");
	}

	@Test
	void misconfigurationsRefuseToStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table(
					Map.of("other", new RouteTableProperties.Owner(List.of("sys/audit"), List.of(LEASE), null))))
			.withMessageContaining("claimed by both");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table(Map.of("x", new RouteTableProperties.Owner(List.of("/"), List.of(LEASE), null))))
			.withMessageContaining("every path");
		assertThatIllegalArgumentException().isThrownBy(() -> table(
				Map.of("lease", new RouteTableProperties.Owner(null, List.of(LEASE), RetryPolicy.FAILOVER))));
		assertThatIllegalArgumentException().isThrownBy(
				() -> table(Map.of("secrets", new RouteTableProperties.Owner(null, List.of(), RetryPolicy.NONE))));
	}

	private static RouteTable table(Map<String, RouteTableProperties.Owner> owners) {
		return RouteTable.of(NODES, new RouteTableProperties(owners, Duration.ofSeconds(5), 100));
	}

}
