package io.coffer.secrets.http;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.http.MalformedRequests.FuzzRequest;
import io.coffer.secrets.identity.TestIdentities;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed requests against every mounted engine and sys/ endpoint of one
 * unsealed node: none may answer 5xx, none may hang, and the data must not change. The
 * seed is printed; rerun a failure with {@code -Dcoffer.fuzz.seed=<seed>} (and
 * {@code -Dcoffer.fuzz.requests=<n>} for a longer run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "coffer.auth.userpass.bcrypt-cost=4", "coffer.test.context=fuzz" })
@Import(InMemoryNodeConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestFuzzTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	NodeClient root;

	@BeforeAll
	void unsealedWithEveryEngine() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		mountEverythingWithCanaries(this.root);
	}

	@Test
	void aBadEscapeInTheQueryIs400() throws IOException {
		RawHttp http = new RawHttp(this.port, TIMEOUT);
		Map<String, String> headers = Map.of(InternalIdentity.HEADER, TestIdentities.valid(), "X-Vault-Token",
				this.root.currentToken());
		RawHttp.Reply logical = http.send("GET", "/v1/secret/data/x?a=%zz", headers, new byte[0]);
		assertThat(logical.status()).isEqualTo(400);
		assertThat(logical.body()).contains("{\"errors\":[\"invalid URL escape in parameter \\\"a\\\"\"]}");
		assertThat(http.send("GET", "/v1/sys/health?%zz=1", headers, new byte[0]).status()).isEqualTo(400);
	}

	@Test
	void malformedRequestsNeverAnswer5xxNorHangNorChangeData() throws IOException {
		NodeClient root = this.root;
		Map<String, Object> before = canaries(root);
		long seed = Long.getLong("coffer.fuzz.seed", new SecureRandom().nextLong());
		int count = Integer.getInteger("coffer.fuzz.requests", 6000);
		MalformedRequests requests = new MalformedRequests(seed);
		RawHttp http = new RawHttp(this.port, TIMEOUT);
		SortedMap<Integer, Integer> byStatus = new TreeMap<>();
		List<String> failures = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			FuzzRequest request = requests.next();
			Map<String, String> headers = new LinkedHashMap<>(request.headers());
			headers.put(InternalIdentity.HEADER, TestIdentities.valid());
			tokenValue(request.token(), root).ifPresent((token) -> headers.put("X-Vault-Token", token));
			try {
				RawHttp.Reply reply = http.send(request.method(), request.target(), headers, request.body());
				byStatus.merge(reply.status(), 1, Integer::sum);
				if (reply.status() >= 500 || reply.status() < 0) {
					failures
						.add("#" + i + " " + reply.status() + " " + cut(reply.body()) + " <- " + request.describe());
				}
			}
			catch (RawHttp.NoAnswerException ex) {
				byStatus.merge(0, 1, Integer::sum);
				failures.add("#" + i + " no answer within " + TIMEOUT + " <- " + request.describe());
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		System.out.printf("Fuzz seed=%d requests=%d in %d ms; by status (0 = no answer): %s%n", seed, count, millis,
				byStatus);
		Map<String, Object> after = canaries(root);
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(failures)
				.as("5xx or no answer (seed %d, rerun with -Dcoffer.fuzz.seed=%d)", seed, seed)
				.isEmpty();
			softly.assertThat(after)
				.as("canary secrets and policy list after the fuzz (seed %d)", seed)
				.isEqualTo(before);
		});
	}

	private static void mountEverythingWithCanaries(NodeClient root) {
		List<NodeClient.Response> setup = List.of(
				root.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2"))),
				root.call("POST", "sys/mounts/kv1", Map.of("type", "kv")),
				root.call("POST", "sys/mounts/transit", Map.of("type", "transit")),
				root.call("POST", "sys/auth/approle", Map.of("type", "approle")),
				root.call("POST", "sys/auth/userpass", Map.of("type", "userpass")),
				root.call("POST", "auth/approle/role/fuzzrole", Map.of("secret_id_num_uses", 5)),
				root.call("POST", "auth/userpass/users/fuzzuser", Map.of("password", "fuzz-password")),
				root.call("PUT", "sys/policy/fuzzpol",
						Map.of("policy", "path \"secret/*\" { capabilities = [\"read\"] }")),
				root.call("POST", "transit/keys/canary", Map.of()),
				root.call("POST", "secret/data/canary", Map.of("data", Map.of("value", "canary-v2"))),
				root.call("PUT", "kv1/canary", Map.of("value", "canary-v1")),
				root.call("PUT", "cubbyhole/canary", Map.of("value", "canary-cubbyhole")));
		assertThat(setup).allSatisfy((response) -> assertThat(response.status()).isBetween(200, 299));
	}

	/** What must read back identical after the fuzz. */
	private static Map<String, Object> canaries(NodeClient root) {
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("kv2", root.call("GET", "secret/data/canary", null).data().get("data"));
		seen.put("kv1", root.call("GET", "kv1/canary", null).data());
		seen.put("cubbyhole", root.call("GET", "cubbyhole/canary", null).data());
		// The policies the set-up made must be there, fuzzpol unchanged. Other names may
		// appear: a generated write can be a valid one (e.g. "#!" is an empty HCL policy,
		// and a name like "a;b" is legal), which is no malformed request.
		@SuppressWarnings("unchecked")
		List<String> policies = (List<String>) root.call("GET", "sys/policy", null).json().get("policies");
		seen.put("policies",
				policies.stream().filter(Set.of("default", "fuzzpol", "root")::contains).sorted().toList());
		seen.put("fuzzpol", root.call("GET", "sys/policy/fuzzpol", null).json().get("rules"));
		seen.put("mounts", root.call("GET", "sys/mounts", null).data().keySet().stream().sorted().toList());
		seen.put("transit", root.call("GET", "transit/keys/canary", null).data().get("latest_version"));
		return seen;
	}

	private static java.util.Optional<String> tokenValue(MalformedRequests.TokenKind kind, NodeClient root) {
		return switch (kind) {
			case ROOT -> java.util.Optional.of(root.currentToken());
			case NONE -> java.util.Optional.empty();
			case GARBAGE -> java.util.Optional.of("hvs.not-a-token");
			case HUGE -> java.util.Optional.of("hvs." + "x".repeat(2500));
		};
	}

	private static String cut(String body) {
		return (body.length() > 200) ? body.substring(0, 200) + "…" : body;
	}

}
