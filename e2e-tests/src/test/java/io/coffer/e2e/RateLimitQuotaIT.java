package io.coffer.e2e;

import java.util.Map;

import io.coffer.testsupport.cluster.ClusterOptions;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.SourceBoundHttp;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate-limit quotas through the real gateway, with lease-service deployed: the gateway
 * sends {@code sys/quotas/rate-limit} and {@code sys/quotas/config} to the nodes (only
 * {@code sys/quotas/lease-count} is lease-service's), the active node counts each client
 * (two loopback source addresses) on a secrets path, and refuses a lease path through
 * {@code /internal/authorize} with the 429 the gateway relays.
 */
@Order(Integer.MAX_VALUE - 4)
class RateLimitQuotaIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.perClass(1, ClusterOptions::withLeases);

	private static VaultHttp root;

	private static String rootToken;

	private static SourceBoundHttp two;

	private static SourceBoundHttp three;

	@BeforeAll
	static void setUp() {
		rootToken = coffer.cluster().rootToken();
		root = coffer.cluster().http().withToken(rootToken);
		two = new SourceBoundHttp("127.0.0.2", coffer.cluster().gatewayUri());
		three = new SourceBoundHttp("127.0.0.3", coffer.cluster().gatewayUri());
		assertThat(root.post("sys/quotas/config", Map.of("enable_rate_limit_response_headers", true)).status())
			.isEqualTo(204);
	}

	@Test
	void aClientOverItsRateOnASecretsPathGetsVaults429WithHeaders() {
		assertThat(root
			.post("sys/quotas/rate-limit/kv-limited",
					Map.of("path", "secret/data/limited", "rate", 2, "interval", "1m"))
			.status()).isEqualTo(204);
		assertThat(root.get("sys/quotas/rate-limit/kv-limited").json().at("/data/path").asString())
			.isEqualTo("secret/data/limited");

		VaultReply first = two.get("secret/data/limited", rootToken);
		VaultReply second = two.get("secret/data/limited", rootToken);
		VaultReply third = two.get("secret/data/limited", rootToken);

		assertThat(first.status()).isEqualTo(404);
		assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
		assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
		assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.json().at("/errors/0").asString())
			.isEqualTo("request path \"secret/data/limited\": rate limit quota exceeded");
		assertThat(third.header("Retry-After")).isNotNull();
		assertThat(three.get("secret/data/limited", rootToken).status()).as("another client, its own bucket")
			.isEqualTo(404);
	}

	@Test
	void aLeasePathOverItsRateIsRefusedByTheActiveNodesAuthorization() {
		assertThat(root
			.post("sys/quotas/rate-limit/lookups", Map.of("path", "sys/leases/lookup", "rate", 1, "interval", "1m"))
			.status()).isEqualTo(204);
		Map<String, Object> lookup = Map.of("lease_id", "secret/creds/none/abc");

		VaultReply allowed = two.send("PUT", "sys/leases/lookup", lookup, rootToken, Map.of());
		VaultReply refused = two.send("PUT", "sys/leases/lookup", lookup, rootToken, Map.of());

		assertThat(allowed.status()).isNotEqualTo(429).isNotEqualTo(403);
		// lease-service's answer carries the quota's headers as a node's own answers do
		assertThat(allowed.header("X-RateLimit-Limit")).isEqualTo("1");
		assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().at("/errors/0").asString())
			.isEqualTo("request path \"sys/leases/lookup\": rate limit quota exceeded");
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("1");
		assertThat(three.send("PUT", "sys/leases/lookup", lookup, rootToken, Map.of()).status()).isNotEqualTo(429);
	}

}
