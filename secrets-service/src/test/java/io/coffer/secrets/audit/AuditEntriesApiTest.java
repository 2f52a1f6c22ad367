package io.coffer.secrets.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.common.audit.AuditPaths;
import io.coffer.secrets.audit.journal.AuditRecord;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.http.InMemoryNodeConfiguration;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.TestIdentities;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault's audit entries as the active node journals them, over real HTTP: the device
 * table audit-service manages ({@code /internal/audit/devices},
 * {@code /internal/audit/hash}, signed as caller {@code audit} with the TEST "other"
 * key), the entries of KV requests with their HMACs, the device options, audited refusals
 * and the fail-closed rule, with {@link RecordingAuditJournal} standing in for the node's
 * journal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "coffer.identity.callers.audit.keys=src/test/resources/identity/test-only-other-key.pub.pem",
				"coffer.identity.callers.audit.paths=/internal/audit/**" })
@Import({ InMemoryNodeConfiguration.class, RecordingAuditJournal.Config.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEntriesApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final IdentitySigner AUDIT_SIGNER = new IdentitySigner(
			IdentityKeyFiles.readPair(Path.of("src/test/resources/identity/test-only-other-key.pem")),
			Clock.systemUTC(), AuditPaths.CALLER);

	private static final String SECRET = "s3cr3t-Value-42";

	@LocalServerPort
	int port;

	@Autowired
	RecordingAuditJournal journal;

	@Autowired
	FakeHaCluster ha;

	@Autowired
	io.coffer.secrets.audit.journal.FileAuditJournal fileJournal;

	@Autowired
	MeterRegistry meters;

	NodeClient root;

	String rootAccessor;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void mounted() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		assertThat(this.root.call("POST", "sys/mounts/audited", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		this.rootAccessor = (String) this.root.call("GET", "auth/token/lookup-self", null).data().get("accessor");
	}

	@AfterEach
	void noDevices() {
		this.ha.joinElection();
		for (Map<String, Object> device : devices()) {
			assertThat(internal("DELETE", AuditPaths.DEVICES + "/" + device.get("path"), null).statusCode())
				.isEqualTo(204);
		}
		this.journal.reset();
	}

	@Test
	void aKvWriteAndReadAreJournaledWithHashedDataTokenAndAccessor() {
		enable("file", Map.of("file_path", "/var/log/audit.log"));
		assertThat(write("app", SECRET).status()).isEqualTo(200);
		NodeClient.Response read = this.root.call("GET", "audited/data/app", null);
		assertThat(read.status()).isEqualTo(200);

		List<AuditRecord> records = this.journal.records();
		assertThat(records).extracting(AuditRecord::type).containsExactly("request", "response", "request", "response");
		assertThat(records).allSatisfy((record) -> assertThat(record.lines()).containsOnlyKeys("file/"));
		String hashedSecret = hash("file", SECRET);
		assertThat(hashedSecret).matches("hmac-sha256:[0-9a-f]{64}");

		Map<String, Object> writeRequest = line(records.get(0), "file/");
		assertThat(writeRequest.keySet()).containsExactly("time", "type", "auth", "request");
		assertThat(writeRequest).containsEntry("type", "request");
		Map<String, Object> auth = map(writeRequest, "auth");
		assertThat(auth).containsEntry("client_token", hash("file", this.root.currentToken()))
			.containsEntry("accessor", hash("file", this.rootAccessor))
			.containsEntry("display_name", "root")
			.containsEntry("policies", List.of("root"))
			.containsEntry("token_type", "service");
		Map<String, Object> request = map(writeRequest, "request");
		assertThat(request).containsEntry("id", records.get(0).requestId())
			.containsEntry("operation", "update")
			.containsEntry("mount_point", "audited/")
			.containsEntry("mount_type", "kv")
			.containsEntry("client_token", hash("file", this.root.currentToken()))
			.containsEntry("client_token_accessor", hash("file", this.rootAccessor))
			.containsEntry("namespace", Map.of("id", "root"))
			.containsEntry("path", "audited/data/app")
			.containsEntry("data", Map.of("data", Map.of("password", hashedSecret)));

		Map<String, Object> readResponse = line(records.get(3), "file/");
		assertThat(readResponse.keySet()).containsExactly("time", "type", "auth", "request", "response");
		assertThat(map(readResponse, "request")).containsEntry("operation", "read").doesNotContainKey("data");
		Map<String, Object> response = map(readResponse, "response");
		assertThat(response).containsEntry("mount_point", "audited/").containsEntry("mount_type", "kv");
		assertThat(map(map(response, "data"), "data")).containsEntry("password", hashedSecret);
		assertThat(records.get(3).requestId()).isEqualTo(read.json().get("request_id"));
		assertNoSecretIn(records, SECRET, this.root.currentToken());
	}

	@Test
	void logRawKeepsValuesAndHmacAccessorFalseKeepsAccessors() {
		enable("hashed", Map.of());
		enable("raw", Map.of("log_raw", "true"));
		enable("plainaccessor", Map.of("hmac_accessor", "false"));
		write("raw", SECRET);

		AuditRecord request = this.journal.records().get(0);
		assertThat(request.lines()).containsOnlyKeys("hashed/", "raw/", "plainaccessor/");
		assertThat(request.lines().get("raw/")).contains(SECRET).contains(this.root.currentToken());
		assertThat(map(line(request, "raw/"), "auth")).containsEntry("accessor", this.rootAccessor);
		Map<String, Object> plainAccessor = line(request, "plainaccessor/");
		assertThat(map(plainAccessor, "auth")).containsEntry("accessor", this.rootAccessor)
			.containsEntry("client_token", hash("plainaccessor", this.root.currentToken()));
		assertThat(map(plainAccessor, "request")).containsEntry("client_token_accessor", this.rootAccessor);
		// each device has its own salt
		assertThat(hash("hashed", SECRET)).isNotEqualTo(hash("plainaccessor", SECRET));
		assertThat(request.lines().get("hashed/")).contains(hash("hashed", SECRET)).doesNotContain(SECRET);
	}

	@Test
	void elideListResponsesReplacesKeysByTheirCount() {
		write("listed/one", "a-value");
		write("listed/two", "b-value");
		enable("elided", Map.of("elide_list_responses", "true"));
		enable("full", Map.of());
		assertThat(this.root.call("LIST", "audited/metadata/listed", null).status()).isEqualTo(200);

		AuditRecord response = this.journal.records().get(1);
		assertThat(map(map(line(response, "elided/"), "response"), "data")).containsEntry("keys", 2);
		assertThat(map(map(line(response, "full/"), "response"), "data")).extracting("keys")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(2)
			.allSatisfy((key) -> assertThat((String) key).startsWith("hmac-sha256:"));
	}

	@Test
	void aWrappedResponseIsAuditedWithItsWrapInfo() {
		write("wrapped", SECRET);
		enable("file", Map.of());
		NodeClient.Response wrapped = this.root.header("X-Vault-Wrap-TTL", "60")
			.call("GET", "audited/data/wrapped", null);
		assertThat(wrapped.status()).isEqualTo(200);
		Map<?, ?> wrapInfo = (Map<?, ?>) wrapped.json().get("wrap_info");

		AuditRecord request = this.journal.records().get(0);
		assertThat(map(line(request, "file/"), "request")).containsEntry("wrap_ttl", 60);
		Map<String, Object> response = map(line(this.journal.records().get(1), "file/"), "response");
		assertThat(response).doesNotContainKey("data");
		assertThat(map(response, "wrap_info")).containsEntry("token", hash("file", (String) wrapInfo.get("token")))
			.containsEntry("accessor", hash("file", (String) wrapInfo.get("accessor")))
			.containsEntry("ttl", 60)
			.containsEntry("creation_path", "audited/data/wrapped");
		assertNoSecretIn(this.journal.records(), SECRET, (String) wrapInfo.get("token"));
	}

	@Test
	void aRefusedRequestIsAuditedWithItsError() {
		String token = (String) ((Map<?, ?>) this.root
			.call("POST", "auth/token/create", Map.of("policies", List.of("default")))
			.json()
			.get("auth")).get("client_token");
		enable("file", Map.of());
		NodeClient.Response denied = new NodeClient(this.root.base()).token(token)
			.call("POST", "audited/data/app", Map.of("data", Map.of("password", SECRET)));
		assertThat(denied.status()).isEqualTo(403);
		NodeClient.Response badToken = new NodeClient(this.root.base()).token("hvs.no-such-token")
			.call("GET", "audited/data/app", null);
		assertThat(badToken.status()).isEqualTo(403);

		List<AuditRecord> records = this.journal.records();
		assertThat(records).extracting(AuditRecord::type).containsExactly("request", "response", "request", "response");
		Map<String, Object> deniedRequest = line(records.get(0), "file/");
		assertThat(deniedRequest).containsEntry("error", "permission denied");
		assertThat(map(deniedRequest, "auth")).containsEntry("client_token", hash("file", token))
			.containsEntry("policies", List.of("default"));
		assertThat(map(deniedRequest, "request")).containsEntry("path", "audited/data/app")
			.containsEntry("data", Map.of("data", Map.of("password", hash("file", SECRET))));
		assertThat(line(records.get(1), "file/")).containsEntry("type", "response")
			.containsEntry("error", "permission denied");
		Map<String, Object> badTokenRequest = line(records.get(2), "file/");
		assertThat(badTokenRequest).containsEntry("error", "permission denied");
		assertThat(map(badTokenRequest, "request")).containsEntry("client_token", hash("file", "hvs.no-such-token"))
			.doesNotContainKey("client_token_accessor");
		assertNoSecretIn(records, SECRET, token);
	}

	@Test
	void aRefusedRequestEntryFailsTheRequestBeforeItRuns() {
		write("failing", "old-value");
		enable("file", Map.of());
		double failures = this.meters.counter("vault.audit.log_request_failure").count();
		this.journal.refuse((record) -> record.type().equals("request"));

		NodeClient.Response refused = write("failing", SECRET);
		assertThat(refused.status()).isEqualTo(500);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List.of("internal error")));
		assertThat(this.meters.counter("vault.audit.log_request_failure").count()).isEqualTo(failures + 1);

		this.journal.refuse((record) -> false);
		NodeClient.Response read = this.root.call("GET", "audited/data/failing", null);
		assertThat(((Map<?, ?>) read.data().get("data")).get("password")).isEqualTo("old-value");
	}

	@Test
	void aRefusedResponseEntryWithholdsTheSecret() {
		write("withheld", SECRET);
		enable("file", Map.of());
		double failures = this.meters.counter("vault.audit.log_response_failure").count();
		this.journal.refuse((record) -> record.type().equals("response"));

		NodeClient.Response refused = this.root.call("GET", "audited/data/withheld", null);
		assertThat(refused.status()).isEqualTo(500);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List.of("internal error")));
		assertThat(refused.body()).doesNotContain(SECRET);
		assertThat(this.meters.counter("vault.audit.log_response_failure").count()).isEqualTo(failures + 1);
		assertThat(this.meters.timer("vault.audit.log_response").count()).isPositive();
	}

	@Test
	void withoutADeviceNothingIsJournaled() {
		enable("file", Map.of());
		assertThat(internal("DELETE", AuditPaths.DEVICES + "/file", null).statusCode()).isEqualTo(204);
		this.journal.refuse((record) -> true);
		assertThat(write("unaudited", SECRET).status()).isEqualTo(200);
		assertThat(this.root.call("GET", "audited/data/unaudited", null).status()).isEqualTo(200);
		assertThat(this.journal.records()).isEmpty();
	}

	@Test
	void theDeviceTableIsManagedByAuditServiceOnTheActiveNodeOnly() {
		assertThat(internal("PUT", AuditPaths.DEVICES + "/file",
				Map.of("type", "file", "description", "d", "options", Map.of("file_path", "stdout"), "local", false))
			.statusCode()).isEqualTo(204);
		HttpResponse<String> duplicate = internal("PUT", AuditPaths.DEVICES + "/file/",
				Map.of("type", "file", "local", false));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("path already in use");
		assertThat(devices()).containsExactly(Map.of("path", "file/", "type", "file", "description", "d", "options",
				Map.of("file_path", "stdout"), "local", false));
		assertThat(internal("DELETE", AuditPaths.DEVICES + "/nosuch", null).statusCode()).isEqualTo(204);
		HttpResponse<String> unknown = internal("POST", AuditPaths.HASH + "/nosuch", Map.of("input", "x"));
		assertThat(unknown.statusCode()).isEqualTo(400);

		// the gateway's identity is not audit-service's
		HttpResponse<String> gateway = send("GET", AuditPaths.DEVICES, null, TestIdentities.valid());
		assertThat(gateway.statusCode()).isIn(401, 403);

		this.ha.leaveElection();
		HttpResponse<String> standby = internal("GET", AuditPaths.DEVICES, null);
		assertThat(standby.statusCode()).isEqualTo(503);
		assertThat(standby.headers().firstValue("X-Coffer-Not-Executed")).hasValue("true");
	}

	@Test
	void devicesAndSaltsAreReadFromStorageAfterAFailoverAndANewSaltOnReEnable() {
		enable("file", Map.of());
		String before = hash("file", SECRET);
		this.ha.leaveElection();
		this.ha.joinElection();
		this.root.awaitActive();
		assertThat(devices()).extracting((device) -> device.get("path")).containsExactly("file/");
		assertThat(hash("file", SECRET)).isEqualTo(before);

		assertThat(internal("DELETE", AuditPaths.DEVICES + "/file", null).statusCode()).isEqualTo(204);
		enable("file", Map.of());
		assertThat(hash("file", SECRET)).isNotEqualTo(before);
	}

	@Test
	void requestsTheGatewayAuthorizesForOtherServicesAreAuditedAndNeverCached() {
		enable("file", Map.of());
		Map<String, Object> ask = Map.of("token", this.root.currentToken(), "path", "sys/leases/lookup", "operation",
				"update", "data", Map.of("lease_id", "database/creds/ro/abc"));
		HttpResponse<String> allowed = send("POST", "/internal/authorize", ask, TestIdentities.valid());
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(JSON.readValue(allowed.body(), Map.class)).containsEntry("allowed", true)
			.containsEntry("cacheable", false);
		HttpResponse<String> denied = send("POST", "/internal/authorize",
				Map.of("token", "hvs.unknown", "path", "sys/leases/lookup", "operation", "update"),
				TestIdentities.valid());
		assertThat(JSON.readValue(denied.body(), Map.class)).containsEntry("allowed", false);

		List<AuditRecord> records = this.journal.records();
		assertThat(records).extracting(AuditRecord::type).containsExactly("request", "request", "response");
		Map<String, Object> request = line(records.get(0), "file/");
		assertThat(request).doesNotContainKey("error");
		assertThat(map(request, "request")).containsEntry("path", "sys/leases/lookup")
			.containsEntry("operation", "update")
			.containsEntry("mount_point", "sys/")
			.containsEntry("client_token", hash("file", this.root.currentToken()))
			.containsEntry("data", Map.of("lease_id", hash("file", "database/creds/ro/abc")));
		assertThat(line(records.get(2), "file/")).containsEntry("error", "permission denied");

		this.journal.refuse((record) -> true);
		HttpResponse<String> refused = send("POST", "/internal/authorize", ask, TestIdentities.valid());
		assertThat(refused.statusCode()).isEqualTo(500);
		assertThat(JSON.readValue(refused.body(), Map.class)).isEqualTo(Map.of("errors", List.of("internal error")));
	}

	@Test
	void rateLimitRefusalsAreAuditedOnlyWhenTheQuotaConfigurationAsks() {
		assertThat(this.root
			.call("PUT", "sys/quotas/rate-limit/audited-limit",
					Map.of("path", "audited/data/limited", "rate", 1, "interval", "1h"))
			.status()).isEqualTo(204);
		try {
			enable("file", Map.of());
			assertThat(this.root.call("GET", "audited/data/limited", null).status()).isEqualTo(404);
			assertThat(this.root.call("GET", "audited/data/limited", null).status()).isEqualTo(429);
			assertThat(this.journal.records()).extracting(AuditRecord::type).containsExactly("request", "response");

			assertThat(this.root.call("POST", "sys/quotas/config", Map.of("enable_rate_limit_audit_logging", true))
				.status()).isEqualTo(204);
			assertThat(this.root.call("GET", "audited/data/limited", null).status()).isEqualTo(429);
			List<AuditRecord> records = this.journal.records();
			// the first read, the configuration write, then the refused read's request
			// entry alone
			assertThat(records).extracting(AuditRecord::type)
				.containsExactly("request", "response", "request", "response", "request");
			assertThat((String) line(records.get(4), "file/").get("error")).contains("rate limit quota exceeded");
		}
		finally {
			this.root.call("POST", "sys/quotas/config", Map.of("enable_rate_limit_audit_logging", false));
			this.root.call("DELETE", "sys/quotas/rate-limit/audited-limit", null);
		}
	}

	@Test
	void theNodesFileJournalTakesTheLinesAndChainsThem() throws Exception {
		enable("file", Map.of());
		write("journaled", SECRET);
		long head = this.fileJournal.head();
		for (AuditRecord record : this.journal.records()) {
			this.fileJournal.append(record);
		}
		List<io.coffer.common.audit.JournalLine> lines = this.fileJournal.lines("file/", head, 10).lines();
		assertThat(lines).hasSize(2);
		for (io.coffer.common.audit.JournalLine line : lines) {
			Map<String, Object> entry = line(line.line());
			assertThat(entry).containsKeys("time", "type", "auth", "request", "coffer_chain");
			assertThat(line.line()).contains(hash("file", SECRET)).doesNotContain(SECRET);
		}
		assertThat(this.fileJournal.verify().ok()).isTrue();
	}

	@Test
	void aCreatedTokenIsHashedInTheResponseAuth() {
		enable("file", Map.of());
		NodeClient.Response created = this.root.call("POST", "auth/token/create",
				Map.of("policies", List.of("default")));
		Map<?, ?> auth = (Map<?, ?>) created.json().get("auth");
		Map<String, Object> response = map(line(this.journal.records().get(1), "file/"), "response");
		assertThat(map(response, "auth")).containsEntry("client_token", hash("file", (String) auth.get("client_token")))
			.containsEntry("accessor", hash("file", (String) auth.get("accessor")))
			.containsEntry("policies", List.of("default"));
		assertNoSecretIn(this.journal.records(), (String) auth.get("client_token"));
	}

	private NodeClient.Response write(String name, String password) {
		return this.root.call("POST", "audited/data/" + name, Map.of("data", Map.of("password", password)));
	}

	private void enable(String path, Map<String, String> options) {
		HttpResponse<String> response = internal("PUT", AuditPaths.DEVICES + "/" + path,
				Map.of("type", "file", "options", options, "local", false));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
	}

	private String hash(String device, String input) {
		HttpResponse<String> response = internal("POST", AuditPaths.HASH + "/" + device, Map.of("input", input));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) JSON.readValue(response.body(), Map.class).get("hash");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> devices() {
		HttpResponse<String> response = internal("GET", AuditPaths.DEVICES, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), List.class);
	}

	/**
	 * No line of {@code records} (log_raw devices aside) holds any of {@code secrets}.
	 */
	private static void assertNoSecretIn(List<AuditRecord> records, String... secrets) {
		assertThat(records).isNotEmpty();
		for (AuditRecord record : records) {
			record.lines().forEach((device, line) -> {
				for (String secret : secrets) {
					assertThat(line).as(device).doesNotContain(secret);
				}
			});
		}
	}

	private static Map<String, Object> line(AuditRecord record, String device) {
		return line(record.lines().get(device));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> line(String line) {
		return JSON.readValue(line, java.util.LinkedHashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	private HttpResponse<String> internal(String method, String path, Object body) {
		return send(method, path, body, AUDIT_SIGNER.sign(UUID.randomUUID().toString()));
	}

	private HttpResponse<String> send(String method, String path, Object body, String identity) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header(io.coffer.common.identity.InternalIdentity.HEADER, identity)
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
