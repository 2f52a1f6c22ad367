package io.coffer.secrets.http;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers and durations a client sends are read exactly: a value past the field's range
 * (Go's {@code time.Duration} for durations, the int range for use counts) or a negative
 * one is a 400 naming the field, and nothing is stored; never a wrapped value, never a
 * 500.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.auth.userpass.bcrypt-cost=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputApiTest {

	/** One past Go's largest duration (2562047h47m16.854775807s). */
	static final String HOURS_OVERFLOW = "2562048h";

	static final String HUGE_STRING = "99999999999999999999";

	static final BigInteger HUGE_NUMBER = new BigInteger(HUGE_STRING);

	static final long PAST_INT = 4294967296L;

	@LocalServerPort
	int port;

	NodeClient root;

	@BeforeAll
	void initUnsealAndMount() {
		this.root = new NodeClient("http://127.0.0.1:" + this.port).initializeAndUnseal();
		assertThat(this.root.call("POST", "sys/mounts/kv", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/mounts/transit", Map.of("type", "transit")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/auth/approle", Map.of("type", "approle")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/auth/userpass", Map.of("type", "userpass")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "auth/approle/role/existing", Map.of()).status()).isEqualTo(204);
	}

	static Stream<Arguments> overflowingFields() {
		return Stream.of(field("auth/token/create", "ttl", HOURS_OVERFLOW, "LIST auth/token/accessors"),
				field("auth/token/create", "ttl", HUGE_STRING, "LIST auth/token/accessors"),
				field("auth/token/create", "ttl", HUGE_NUMBER, "LIST auth/token/accessors"),
				field("auth/token/create", "ttl", "-1h", "LIST auth/token/accessors"),
				field("auth/token/create", "explicit_max_ttl", HOURS_OVERFLOW, "LIST auth/token/accessors"),
				field("auth/token/create", "period", HUGE_NUMBER, "LIST auth/token/accessors"),
				field("auth/token/create", "num_uses", PAST_INT, "LIST auth/token/accessors"),
				field("auth/token/create", "num_uses", HUGE_STRING, "LIST auth/token/accessors"),
				field("auth/token/roles/r", "token_explicit_max_ttl", HOURS_OVERFLOW, "GET auth/token/roles/r"),
				field("auth/token/roles/r", "token_period", HUGE_STRING, "GET auth/token/roles/r"),
				field("auth/token/roles/r", "token_num_uses", PAST_INT, "GET auth/token/roles/r"),
				field("auth/approle/role/r", "secret_id_ttl", HOURS_OVERFLOW, "GET auth/approle/role/r"),
				field("auth/approle/role/r", "secret_id_num_uses", PAST_INT, "GET auth/approle/role/r"),
				field("auth/approle/role/r", "token_ttl", HUGE_NUMBER, "GET auth/approle/role/r"),
				field("auth/approle/role/r", "token_max_ttl", HOURS_OVERFLOW, "GET auth/approle/role/r"),
				field("auth/approle/role/r", "token_num_uses", PAST_INT, "GET auth/approle/role/r"),
				field("auth/approle/role/existing/secret-id", "ttl", HOURS_OVERFLOW,
						"LIST auth/approle/role/existing/secret-id"),
				field("auth/approle/role/existing/secret-id", "num_uses", PAST_INT,
						"LIST auth/approle/role/existing/secret-id"),
				field("auth/userpass/users/u", "token_ttl", HUGE_STRING, "GET auth/userpass/users/u"),
				field("auth/userpass/users/u", "token_num_uses", PAST_INT, "GET auth/userpass/users/u"),
				field("sys/mounts/kv/tune", "max_lease_ttl", HOURS_OVERFLOW, "GET sys/mounts/kv/tune"),
				field("sys/mounts/kv/tune", "default_lease_ttl", HUGE_NUMBER, "GET sys/mounts/kv/tune"),
				field("sys/auth/approle/tune", "max_lease_ttl", HUGE_STRING, "GET sys/auth/approle/tune"),
				field("kv/config", "delete_version_after", HOURS_OVERFLOW, "GET kv/config"),
				field("kv/metadata/k", "max_versions", PAST_INT, "GET kv/metadata/k"),
				field("kv/metadata/k", "delete_version_after", HUGE_NUMBER, "GET kv/metadata/k"),
				field("transit/keys/k", "auto_rotate_period", HOURS_OVERFLOW, "GET transit/keys/k"));
	}

	static Arguments field(String path, String field, Object value, String probe) {
		return Arguments.of(path, field, value, probe);
	}

	@ParameterizedTest(name = "{0} {1}={2}")
	@MethodSource("overflowingFields")
	void anOutOfRangeValueIsA400NamingTheFieldAndStoresNothing(String path, String field, Object value, String probe) {
		Map<String, Object> body = path.startsWith("auth/userpass/users/") ? Map.of("password", "pw", field, value)
				: Map.of(field, value);
		Snapshot before = snapshot(probe);

		NodeClient.Response response = this.root.call("POST", path, body);

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(errors(response)).singleElement().asString().contains("\"" + field + "\"");
		assertThat(snapshot(probe)).isEqualTo(before);
	}

	@Test
	void mountConfigAndPolicyDurationsAreCheckedBeforeAnythingIsStored() {
		NodeClient.Response mount = this.root.call("POST", "sys/mounts/other",
				Map.of("type", "kv", "config", Map.of("default_lease_ttl", HOURS_OVERFLOW)));
		assertThat(mount.status()).isEqualTo(400);
		assertThat(errors(mount).get(0)).contains("default_lease_ttl");
		assertThat(this.root.call("GET", "sys/mounts", null).data()).doesNotContainKey("other/");

		NodeClient.Response policy = this.root.call("PUT", "sys/policy/wrap", Map.of("policy",
				"path \"kv/*\" { capabilities = [\"read\"]\n max_wrapping_ttl = \"" + HOURS_OVERFLOW + "\" }"));
		assertThat(policy.status()).isEqualTo(400);
		assertThat(errors(policy).get(0)).contains("max_wrapping_ttl");
		assertThat(this.root.call("GET", "sys/policy/wrap", null).status()).isEqualTo(404);
	}

	@Test
	void aWrapTtlPastTheDurationRangeIsA400AndIssuesNoWrappingToken() {
		Snapshot before = snapshot("LIST auth/token/accessors");
		for (String ttl : List.of(HOURS_OVERFLOW, HUGE_STRING, "-5m")) {
			NodeClient.Response wrapped = this.root.header("X-Vault-Wrap-TTL", ttl).call("GET", "sys/mounts", null);
			assertThat(wrapped.status()).as(ttl).isEqualTo(400);
			assertThat(errors(wrapped).get(0)).contains("X-Vault-Wrap-TTL");
		}
		assertThat(snapshot("LIST auth/token/accessors")).isEqualTo(before);
	}

	@Test
	void theLargestDurationGoAllowsIsAccepted() {
		NodeClient.Response role = this.root.call("POST", "auth/approle/role/longest",
				Map.of("secret_id_ttl", "2562047h", "token_num_uses", Integer.MAX_VALUE));
		assertThat(role.status()).as(role.body()).isEqualTo(204);
		assertThat(this.root.call("GET", "auth/approle/role/longest", null).data())
			.containsEntry("secret_id_ttl", 2562047L * 3600)
			.containsEntry("token_num_uses", Integer.MAX_VALUE);
	}

	@Test
	void jsonBodiesAreHeldToVaultsShapeLimitsAndNothingIsStored() {
		String nested = "{\"data\":" + "{\"a\":".repeat(299) + "1" + "}".repeat(299) + "}";
		assertThat(this.root.call("POST", "kv/data/deep-ok", nested).status()).isEqualTo(200);
		String tooDeep = "{\"data\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}";
		assertJsonRefused("kv/data/deep", tooDeep, "JSON input exceeds allowed nesting depth");
		assertJsonRefused("kv/data/deep", "{\"data\":{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}",
				"JSON input exceeds allowed nesting depth");
		assertJsonRefused("kv/data/long", "{\"data\":{\"a\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}}",
				"JSON string value exceeds allowed length");
		StringBuilder entries = new StringBuilder("{\"data\":{\"k0\":0");
		for (int i = 1; i <= 10_000; i++) {
			entries.append(",\"k").append(i).append("\":0");
		}
		assertJsonRefused("kv/data/wide", entries.append("}}").toString(), "JSON object exceeds allowed entry count");
		assertJsonRefused("kv/data/list", "{\"data\":{\"a\":[" + "0,".repeat(10_000) + "0]}}",
				"JSON array exceeds allowed element count");
		assertJsonRefused("kv/data/dup", "{\"data\":{\"a\":1,\"a\":2}}", "duplicate key in JSON object");
	}

	@Test
	void aDeeplyNestedHclPolicyIsA400() {
		NodeClient.Response response = this.root.call("PUT", "sys/policy/deep",
				Map.of("policy", "path \"a\" { capabilities = " + "[".repeat(20_000) + "]".repeat(20_000) + " }"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(errors(response).get(0)).contains("nested deeper than 100 levels");
		assertThat(this.root.call("GET", "sys/policy/deep", null).status()).isEqualTo(404);
	}

	private void assertJsonRefused(String path, String body, String reason) {
		NodeClient.Response response = this.root.call("POST", path, body);
		assertThat(response.status()).as(reason).isEqualTo(400);
		assertThat(errors(response)).containsExactly("failed to parse JSON input: " + reason);
		assertThat(this.root.call("GET", path, null).status()).isEqualTo(404);
	}

	@SuppressWarnings("unchecked")
	private static List<String> errors(NodeClient.Response response) {
		return (List<String>) response.json().get("errors");
	}

	private Snapshot snapshot(String probe) {
		String[] parts = probe.split(" ", 2);
		NodeClient.Response response = this.root.call(parts[0], parts[1], null);
		return new Snapshot(response.status(), (response.status() == 200) ? response.data() : null);
	}

	record Snapshot(int status, Map<String, Object> data) {
	}

}
