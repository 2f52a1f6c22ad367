package io.coffer.secrets.quota;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.secrets.http.InMemoryNodeConfiguration;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.TestIdentities;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate-limit quotas over real HTTP on one active node, through the whole request path:
 * the {@code sys/quotas} endpoints with Vault's fields and messages, and enforcement per
 * client address (the gateway's signed identity names it) on the request path and in
 * {@code /internal/authorize}. Its own context (a node whose rules would otherwise
 * outlive the class), dropped afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.test.context=rate-limit-quotas")
@Import(InMemoryNodeConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitQuotaApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MOUNT = "rl-kv";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	NodeClient root;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void unsealedWithAKvMount() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		this.root.call("POST", "sys/mounts/" + MOUNT, Map.of("type", "kv", "options", Map.of("version", "2")));
		assertThat(this.root.call("GET", "sys/mounts/" + MOUNT, null).status()).isEqualTo(200);
	}

	/**
	 * Rules first (their paths are exempt while a test exempts sys/*), then the config.
	 */
	@AfterEach
	@SuppressWarnings("unchecked")
	void removeEveryRuleAndTheConfig() {
		NodeClient.Response list = this.root.call("LIST", "sys/quotas/rate-limit", null);
		if (list.status() == 200) {
			for (String name : (List<String>) list.data().get("keys")) {
				assertThat(this.root.call("DELETE", "sys/quotas/rate-limit/" + name, null).status()).isEqualTo(204);
			}
		}
		assertThat(this.root
			.call("POST", "sys/quotas/config", Map.of("rate_limit_exempt_paths", QuotaConfig.DEFAULT_EXEMPT_PATHS))
			.status()).isEqualTo(204);
	}

	@Test
	void rulesAreWrittenReadListedAndDeletedWithVaultsFieldsAndDefaults() {
		NodeClient.Response none = this.root.call("LIST", "sys/quotas/rate-limit", null);
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.json()).isEqualTo(Map.of("errors", List.of()));

		assertThat(this.root.call("POST", "sys/quotas/rate-limit/global", Map.of("rate", 100)).status()).isEqualTo(204);
		NodeClient.Response global = this.root.call("GET", "sys/quotas/rate-limit/global", null);
		assertThat(global.status()).isEqualTo(200);
		assertThat(global.data()).isEqualTo(Map.of("type", "rate-limit", "name", "global", "path", "", "role", "",
				"rate", 100.0, "interval", 1, "block_interval", 0, "inheritable", true));

		assertThat(this.root
			.call("POST", "sys/quotas/rate-limit/mount",
					Map.of("path", MOUNT, "rate", "2.5", "interval", "1m", "block_interval", 30))
			.status()).isEqualTo(204);
		assertThat(this.root.call("GET", "sys/quotas/rate-limit/mount", null).data()).containsEntry("path", MOUNT + "/")
			.containsEntry("rate", 2.5)
			.containsEntry("interval", 60)
			.containsEntry("block_interval", 30);
		assertThat(this.root
			.call("PUT", "sys/quotas/rate-limit/app", Map.of("path", "/" + MOUNT + "/data/app*", "rate", 1))
			.status()).isEqualTo(204);
		assertThat(this.root.call("GET", "sys/quotas/rate-limit/app", null).data()).containsEntry("path",
				MOUNT + "/data/app*");

		assertThat(this.root.call("GET", "sys/quotas/rate-limit?list=true", null).data())
			.isEqualTo(Map.of("keys", List.of("app", "global", "mount")));
		assertThat(this.root.call("DELETE", "sys/quotas/rate-limit/app", null).status()).isEqualTo(204);
		NodeClient.Response gone = this.root.call("GET", "sys/quotas/rate-limit/app", null);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json()).isEqualTo(Map.of("errors", List.of()));
		assertThat(this.root.call("DELETE", "sys/quotas/rate-limit/app", null).status()).isEqualTo(204);
	}

	@Test
	void badRulesAre400WithVaultsMessages() {
		assertThat(error(Map.of())).isEqualTo("'rate' is invalid");
		assertThat(error(Map.of("rate", 0))).isEqualTo("'rate' is invalid");
		assertThat(error(Map.of("rate", -3))).isEqualTo("'rate' is invalid");
		assertThat(error(Map.of("rate", "fast"))).contains("\"rate\"");
		assertThat(error(Map.of("rate", 1, "block_interval", -5))).isEqualTo("'block' is invalid");
		assertThat(error(Map.of("rate", 1, "interval", "soon"))).contains("\"interval\"");
		assertThat(error(Map.of("rate", 1, "path", "nowhere/data"))).isEqualTo("invalid mount path \"nowhere/data/\"");
		assertThat(error(Map.of("rate", 1, "path", MOUNT, "role", "web")))
			.isEqualTo("Mount path \"rl-kv/\" is not a valid auth method and therefore unsuitable for use with "
					+ "role-based quotas");
		assertThat(error(Map.of("rate", 1, "path", MOUNT + "/data/x", "role", "web")))
			.startsWith("Quotas cannot contain both a path suffix and a role");
		assertThat(error(Map.of("rate", 1, "inheritable", false))).isEqualTo("all global quotas must be inheritable");
		assertThat(error(Map.of("rate", 1, "path", MOUNT, "inheritable", true)))
			.isEqualTo("only namespace quotas can be configured as inheritable");

		this.root.call("POST", "sys/quotas/rate-limit/first", Map.of("rate", 1, "path", MOUNT + "/data/a"));
		assertThat(error(Map.of("rate", 9, "path", MOUNT + "/data/a")))
			.isEqualTo("quota rule with similar properties exists under the name \"first\"");
		assertThat(this.root.call("GET", "sys/quotas/rate-limit/other", null).status()).isEqualTo(404);
		assertThat(this.root.call("GET", "sys/quotas/rate-limit", null).status()).isEqualTo(405);
	}

	@Test
	void theConfigHasVaultsDefaultsAndIsWrittenWhole() {
		this.root.call("POST", "sys/quotas/config",
				Map.of("rate_limit_exempt_paths", QuotaConfig.DEFAULT_EXEMPT_PATHS));
		assertThat(this.root.call("GET", "sys/quotas/config", null).data())
			.isEqualTo(Map.of("rate_limit_exempt_paths", QuotaConfig.DEFAULT_EXEMPT_PATHS,
					"enable_rate_limit_audit_logging", false, "enable_rate_limit_response_headers", false));
		assertThat(this.root
			.call("POST", "sys/quotas/config",
					Map.of("enable_rate_limit_response_headers", true, "rate_limit_exempt_paths", "sys/mounts,kv/*"))
			.status()).isEqualTo(204);
		assertThat(this.root.call("GET", "sys/quotas/config", null).data())
			.isEqualTo(Map.of("rate_limit_exempt_paths", List.of("sys/mounts", "kv/*"),
					"enable_rate_limit_audit_logging", false, "enable_rate_limit_response_headers", true));
	}

	@Test
	void theThirdRequestInTheWindowIs429WithVaultsMessageAndHeaders() {
		this.root.call("POST", "sys/quotas/config", Map.of("enable_rate_limit_response_headers", true));
		this.root.call("POST", "sys/quotas/rate-limit/two-a-minute",
				Map.of("path", MOUNT + "/data/limited", "rate", 2, "interval", "1m"));
		NodeClient client = from("203.0.113.10");

		NodeClient.Response first = client.call("GET", MOUNT + "/data/limited", null);
		assertThat(first.status()).isEqualTo(404);
		assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
		assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
		assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isBetween(1L, 60L);
		assertThat(client.call("GET", MOUNT + "/data/limited", null).header("X-RateLimit-Remaining")).isEqualTo("0");

		NodeClient.Response third = client.call("GET", MOUNT + "/data/limited", null);
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.json()).isEqualTo(
				Map.of("errors", List.of("request path \"" + MOUNT + "/data/limited\": rate limit quota exceeded")));
		assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(third.header("X-RateLimit-Limit")).isEqualTo("2");
		assertThat(third.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(violations("two-a-minute")).isEqualTo(1.0);
		assertThat(this.root.raw("GET", "/actuator/prometheus").body())
			.containsPattern("vault_quota_rate_limit_violation\\w*\\{[^}]*name=\"two-a-minute\"")
			.doesNotContain("203.0.113.10");

		NodeClient.Response otherPath = client.call("GET", MOUNT + "/data/unlimited", null);
		assertThat(otherPath.status()).isEqualTo(404);
		assertThat(otherPath.header("X-RateLimit-Limit")).isNull();
		assertThat(from("198.51.100.7").call("GET", MOUNT + "/data/limited", null).status())
			.as("another client has its own bucket")
			.isEqualTo(404);
	}

	@Test
	void theRateRefillsEveryIntervalAndNoHeadersAreSentUnlessEnabled() {
		this.root.call("POST", "sys/quotas/rate-limit/two-a-second",
				Map.of("path", MOUNT + "/data/fast", "rate", 2, "interval", "1s"));
		NodeClient client = from("203.0.113.11");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.call("GET", MOUNT + "/data/fast", null).status() == 429);
		NodeClient.Response refused = client.call("GET", MOUNT + "/data/fast", null);
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(refused.header("X-RateLimit-Limit")).isNull();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> client.call("GET", MOUNT + "/data/fast", null).status() == 404);
	}

	@Test
	void aBlockedClientStaysRefusedAfterTheIntervalRefills() {
		this.root.call("POST", "sys/quotas/rate-limit/blocking",
				Map.of("path", MOUNT + "/data/blocked", "rate", 1, "interval", "1s", "block_interval", "1m"));
		NodeClient client = from("203.0.113.12");
		assertThat(client.call("GET", MOUNT + "/data/blocked", null).status()).isEqualTo(404);
		NodeClient.Response violation = client.call("GET", MOUNT + "/data/blocked", null);
		assertThat(violation.status()).isEqualTo(429);
		assertThat(Long.parseLong(violation.header("Retry-After"))).isBetween(59L, 60L);

		// Past the 1 s interval the bucket is full again; the block still holds.
		await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
		NodeClient.Response blocked = client.call("GET", MOUNT + "/data/blocked", null);
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 59L);
		assertThat(from("203.0.113.13").call("GET", MOUNT + "/data/blocked", null).status()).isEqualTo(404);
	}

	@Test
	void exemptPathsAreNeverLimited() {
		this.root.call("POST", "sys/quotas/config",
				Map.of("rate_limit_exempt_paths", List.of("sys/*", MOUNT + "/data/free")));
		this.root.call("POST", "sys/quotas/rate-limit/everything", Map.of("rate", 1, "interval", "1m"));
		NodeClient client = from("203.0.113.14");
		for (int i = 0; i < 5; i++) {
			assertThat(client.call("GET", MOUNT + "/data/free", null).status()).isEqualTo(404);
			assertThat(client.call("GET", "sys/mounts", null).status()).isEqualTo(200);
		}
		assertThat(client.call("GET", MOUNT + "/data/charged", null).status()).isEqualTo(404);
		assertThat(client.call("GET", MOUNT + "/data/charged", null).status()).isEqualTo(429);
		assertThat(client.call("GET", MOUNT + "/data/free", null).status()).isEqualTo(404);
	}

	@Test
	void theMostSpecificRuleWins() {
		this.root.call("POST", "sys/quotas/config",
				Map.of("rate_limit_exempt_paths", List.of("sys/*"), "enable_rate_limit_response_headers", true));
		this.root.call("POST", "sys/quotas/rate-limit/global", Map.of("rate", 1, "interval", "1m"));
		this.root.call("POST", "sys/quotas/rate-limit/mount", Map.of("path", MOUNT, "rate", 3, "interval", "1m"));
		this.root.call("POST", "sys/quotas/rate-limit/app-prefix",
				Map.of("path", MOUNT + "/data/app*", "rate", 4, "interval", "1m"));
		this.root.call("POST", "sys/quotas/rate-limit/app-exact",
				Map.of("path", MOUNT + "/data/app/one", "rate", 5, "interval", "1m"));
		NodeClient client = from("203.0.113.15");

		assertThat(allowedInARow(client, MOUNT + "/data/app/one")).isEqualTo(5);
		assertThat(allowedInARow(client, MOUNT + "/data/app/two")).isEqualTo(4);
		assertThat(allowedInARow(client, MOUNT + "/data/other")).isEqualTo(3);
		assertThat(allowedInARow(client, "cubbyhole/anything")).isEqualTo(1);
		assertThat(violations("app-exact")).isEqualTo(1.0);
		assertThat(violations("global")).isEqualTo(1.0);
	}

	@Test
	void authorizeRefusesAClientOverItsRateAndNeverLetsTheGatewayCacheTheDecision() {
		this.root.call("POST", "sys/quotas/config", Map.of("enable_rate_limit_response_headers", true));
		this.root.call("POST", "sys/quotas/rate-limit/lookups",
				Map.of("path", "sys/leases/lookup", "rate", 1, "interval", "1m"));
		String address = "192.0.2.5";

		HttpResponse<String> allowed = authorize(address, "sys/leases/lookup");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(JSON.readValue(allowed.body(), Map.class)).containsEntry("allowed", true)
			.containsEntry("cacheable", false);
		assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

		HttpResponse<String> refused = authorize(address, "sys/leases/lookup");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(JSON.readValue(refused.body(), Map.class))
			.isEqualTo(Map.of("errors", List.of("request path \"sys/leases/lookup\": rate limit quota exceeded")));
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();

		HttpResponse<String> elsewhere = authorize(address, "sys/leases/renew");
		assertThat(elsewhere.statusCode()).isEqualTo(200);
		assertThat(JSON.readValue(elsewhere.body(), Map.class)).containsEntry("cacheable", true);
	}

	private int allowedInARow(NodeClient client, String path) {
		int allowed = 0;
		while (allowed < 20) {
			NodeClient.Response response = client.call("GET", path, null);
			if (response.status() == 429) {
				assertThat(response.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(allowed));
				return allowed;
			}
			allowed++;
		}
		return allowed;
	}

	private String error(Map<String, Object> body) {
		NodeClient.Response response = this.root.call("POST", "sys/quotas/rate-limit/bad", body);
		assertThat(response.status()).isEqualTo(400);
		@SuppressWarnings("unchecked")
		List<String> errors = (List<String>) response.json().get("errors");
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	private NodeClient from(String address) {
		return new NodeClient(this.root.base()).token(this.root.currentToken())
			.identity(() -> TestIdentities.from(address));
	}

	private double violations(String name) {
		Counter counter = this.registry.find(RateLimitEnforcer.VIOLATION_METRIC).tag("name", name).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> authorize(String address, String path) {
		Map<String, Object> question = new LinkedHashMap<>();
		question.put("token", this.root.currentToken());
		question.put("path", path);
		question.put("operation", "update");
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.root.base() + AuthorizeRequest.PATH))
			.header("Content-Type", "application/json")
			.header(io.coffer.common.identity.InternalIdentity.HEADER, TestIdentities.from(address))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(question)))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
