package io.coffer.audit.api;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.audit.stream.StreamHub;
import io.coffer.audit.support.AuditServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sys/audit}, {@code sys/audit-hash} and {@code sys/audit-stream} as Vault clients
 * see them.
 */
@Timeout(60)
class AuditApiTest extends AuditServiceTest {

	@TempDir
	Path dir;

	@Autowired
	StreamHub hub;

	@Test
	void enablesAFileDeviceAndListsItInVaultsShape() throws Exception {
		Path file = this.dir.resolve("logs/audit.log");
		HttpResponse<String> enabled = gateway("PUT", "/v1/sys/audit/file",
				"{\"type\":\"file\",\"description\":\"main\",\"options\":{\"file_path\":\"" + file
						+ "\",\"mode\":\"0600\"}}");
		assertThat(enabled.statusCode()).isEqualTo(204);
		assertThat(file).exists();
		assertThat(NODE.devices()).containsKey("file/");
		assertThat(NODE.devices().get("file/").options()).containsEntry("file_path", file.toString());

		HttpResponse<String> list = gateway("GET", "/v1/sys/audit", null);
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(list.body());
		JsonNode device = body.path("data").path("file/");
		assertThat(device.path("type").asString()).isEqualTo("file");
		assertThat(device.path("description").asString()).isEqualTo("main");
		assertThat(device.path("path").asString()).isEqualTo("file/");
		assertThat(device.path("local").asBoolean()).isFalse();
		assertThat(device.path("options").path("file_path").asString()).isEqualTo(file.toString());
		assertThat(body.path("file/").path("type").asString()).isEqualTo("file");

		HttpResponse<String> hash = gateway("POST", "/v1/sys/audit-hash/file", "{\"input\":\"abc\"}");
		assertThat(hash.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(hash.body()).path("data").path("hash").asString()).isEqualTo("hmac-sha256:file/:3");

		assertThat(gateway("DELETE", "/v1/sys/audit/file", null).statusCode()).isEqualTo(204);
		assertThat(NODE.devices()).doesNotContainKey("file/");
	}

	@Test
	void anUnwritablePathIsRefusedAndNothingEnabled() throws Exception {
		Path blocker = Files.createFile(this.dir.resolve("not-a-directory"));
		HttpResponse<String> response = gateway("PUT", "/v1/sys/audit/bad",
				"{\"type\":\"file\",\"options\":{\"file_path\":\"" + blocker.resolve("audit.log") + "\"}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).path("errors").get(0).asString())
			.startsWith("sanity check failed; unable to open");
		assertThat(NODE.devices()).isEmpty();
	}

	@Test
	void anUnreachableSocketIsRefusedAndNothingEnabled() throws Exception {
		int port;
		try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		HttpResponse<String> response = gateway("PUT", "/v1/sys/audit/socket",
				"{\"type\":\"socket\",\"options\":{\"address\":\"127.0.0.1:" + port + "\"}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(NODE.devices()).isEmpty();
	}

	@Test
	void badInputIsRefusedAsVaultDoes() throws Exception {
		HttpResponse<String> unknown = gateway("PUT", "/v1/sys/audit/x", "{\"type\":\"nope\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(unknown.body()).path("errors").get(0).asString())
			.isEqualTo("unknown backend type: \"nope\"");

		HttpResponse<String> noPath = gateway("PUT", "/v1/sys/audit/x", "{\"type\":\"file\"}");
		assertThat(noPath.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noPath.body()).path("errors").get(0).asString()).isEqualTo("file_path is required");

		HttpResponse<String> format = gateway("PUT", "/v1/sys/audit/x",
				"{\"type\":\"file\",\"options\":{\"file_path\":\"discard\",\"format\":\"jsonx\"}}");
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(NODE.devices()).isEmpty();

		assertThat(gateway("DELETE", "/v1/sys/audit/never-enabled", null).statusCode()).isEqualTo(204);
	}

	@Test
	void aDuplicatePathIsRefused() throws Exception {
		String body = "{\"type\":\"file\",\"options\":{\"file_path\":\"discard\"}}";
		assertThat(gateway("PUT", "/v1/sys/audit/dup", body).statusCode()).isEqualTo(204);
		HttpResponse<String> again = gateway("PUT", "/v1/sys/audit/dup", body);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(again.body()).path("errors").get(0).asString()).isEqualTo("path already in use");

		// the node is the judge: its refusal is relayed as is
		NODE.refuseNextEnable("path already in use");
		HttpResponse<String> raced = gateway("PUT", "/v1/sys/audit/other", body);
		assertThat(raced.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(raced.body()).path("errors").get(0).asString()).isEqualTo("path already in use");
		assertThat(NODE.devices()).containsOnlyKeys("dup/");
	}

	@Test
	void theLiveStreamCarriesEachDeliveredLine() throws Exception {
		Path file = this.dir.resolve("stream.log");
		assertThat(gateway("PUT", "/v1/sys/audit/streamed",
				"{\"type\":\"file\",\"options\":{\"file_path\":\"" + file + "\"}}")
			.statusCode()).isEqualTo(204);
		String identity = new io.coffer.support.identity.IdentitySigner(
				io.coffer.support.identity.IdentityKeyFiles.readPair(KEYS.resolve("gateway.pem")), Clock.systemUTC(),
				"gateway")
			.sign(io.coffer.common.audit.AuditPaths.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/sys/audit-stream/streamed"))
				.header(io.coffer.common.identity.InternalIdentity.HEADER, identity)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		Thread reader = Thread.ofVirtual().start(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				for (String text = in.readLine(); text != null; text = in.readLine()) {
					if (text.startsWith("data:")) {
						events.add(text.substring(5));
					}
				}
			}
			catch (java.io.IOException ex) {
				// closed
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.subscribers("streamed/") == 1);
		NODE.append("s1", Map.of("streamed/", "{\"n\":1}"));
		NODE.append("s2", Map.of("streamed/", "{\"n\":2}"));
		await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 2);
		assertThat(events).containsExactly("{\"n\":1}", "{\"n\":2}");
		assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}");
		reader.interrupt();
		stream.body().close();

		HttpResponse<String> unknown = gateway("GET", "/v1/sys/audit-stream/nothing-here", null);
		assertThat(unknown.statusCode()).isEqualTo(400);
	}

	@Test
	void verifiesAFileDevicesChainAndANodesJournal() throws Exception {
		Path file = this.dir.resolve("chained.log");
		String first = "{\"n\":1,\"coffer_chain\":{\"journal\":\"j1\",\"seq\":1,\"prev\":\"\"}}";
		String second = "{\"n\":2,\"coffer_chain\":{\"journal\":\"j1\",\"seq\":2,\"prev\":\"sha256:" + sha256(first)
				+ "\"}}";
		Files.write(file, List.of(first, second));
		NODE.enable(new io.coffer.common.audit.AuditDevice("chained/", "file", "", Map.of("file_path", file.toString()),
				false));
		HttpResponse<String> intact = gateway("POST", "/v1/sys/audit-verify", "{\"device\":\"chained\"}");
		assertThat(intact.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(intact.body()).path("data").path("ok").asBoolean()).isTrue();
		assertThat(JSON.readTree(intact.body()).path("data").path("checked").asLong()).isEqualTo(2);

		Files.write(file,
				List.of(first, second.replace("\"n\":2", "\"n\":3"), first.replace("\"seq\":1", "\"seq\":3")));
		HttpResponse<String> broken = gateway("POST", "/v1/sys/audit-verify", "{\"device\":\"chained/\"}");
		assertThat(broken.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(broken.body()).path("data").path("ok").asBoolean()).isFalse();

		HttpResponse<String> node = gateway("POST", "/v1/sys/audit-verify", "{\"node\":\"" + NODE.url() + "\"}");
		assertThat(node.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(node.body()).path("data").path("ok").asBoolean()).isTrue();

		assertThat(gateway("POST", "/v1/sys/audit-verify", "{\"node\":\"nowhere\"}").statusCode()).isEqualTo(400);
		assertThat(gateway("POST", "/v1/sys/audit-verify", "{}").statusCode()).isEqualTo(400);
	}

	private static String sha256(String text) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(
					java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
