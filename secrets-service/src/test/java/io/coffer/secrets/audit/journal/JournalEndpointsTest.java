package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.coffer.common.audit.AuditPaths;
import io.coffer.common.audit.JournalAck;
import io.coffer.common.audit.JournalClaim;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.http.InMemoryNodeConfiguration;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.TestIdentities;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static io.coffer.secrets.audit.journal.JournalFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal endpoints over real HTTP on a sealed node (never initialized), called as
 * audit-service (caller {@code audit}, the TEST "other" key).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.identity.callers.audit.keys=src/test/resources/identity/test-only-other-key.pub.pem")
@Import(InMemoryNodeConfiguration.class)
class JournalEndpointsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final IdentitySigner AUDIT = new IdentitySigner(
			IdentityKeyFiles.readPair(Path.of("src/test/resources/identity/test-only-other-key.pem")),
			Clock.systemUTC(), AuditPaths.CALLER);

	@LocalServerPort
	int port;

	@Autowired
	FileAuditJournal journal;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void auditServiceClaimsReadsLongPollsAcksAndVerifiesOnASealedNode() throws Exception {
		assertThat(new NodeClient(base()).call("GET", "sys/seal-status", null).json()).containsEntry("sealed", true);
		String instance = "audit-a:8230";
		assertThat(post(AuditPaths.JOURNAL_CLAIM, new JournalClaim(instance, 30_000, null, false)).json())
			.containsEntry("granted", true)
			.containsEntry("holder", instance);
		assertThat(post(AuditPaths.JOURNAL_CLAIM, new JournalClaim("audit-b:8230", 30_000, null, false)).json())
			.containsEntry("granted", false)
			.containsEntry("holder", instance);

		long first = this.journal.append(entry("req-1", "file/"));
		Map<String, Object> state = get(AuditPaths.JOURNAL_STATE).json();
		String id = (String) state.get("journal");
		assertThat(state).containsEntry("writable", true).containsEntry("head", (int) first);
		assertThat(linesAfter(first - 1, 0)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("requestId", "req-1"));

		CompletableFuture<List<Map<String, Object>>> polled = CompletableFuture
			.supplyAsync(() -> linesAfter(first, 20_000));
		awaitWaiting();
		long second = this.journal.append(entry("req-2", "file/"));
		assertThat(polled.get(10, TimeUnit.SECONDS)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("seq", (int) second));

		assertThat(post(AuditPaths.JOURNAL_ACK, new JournalAck(id, "audit-b:8230", "file/", second)).status())
			.isEqualTo(409);
		assertThat(post(AuditPaths.JOURNAL_ACK, new JournalAck("another-journal", instance, "file/", second)).status())
			.isEqualTo(409);
		assertThat(post(AuditPaths.JOURNAL_ACK, new JournalAck(id, instance, "file/", second)).status()).isEqualTo(204);
		assertThat(get(AuditPaths.JOURNAL_STATE).json().get("delivered")).isEqualTo(Map.of("file/", (int) second));
		assertThat(get(AuditPaths.JOURNAL_VERIFY).json()).containsEntry("ok", true);
		assertThat(get("/actuator/health").body()).doesNotContain("req-");
	}

	@Test
	void onlyAuditServiceMayCallTheJournal() {
		NodeClient gateway = new NodeClient(base()).identity(TestIdentities::valid);
		assertThat(gateway.raw("GET", AuditPaths.JOURNAL_STATE).status()).isEqualTo(403);
		assertThat(gateway.identity(() -> null).raw("GET", AuditPaths.JOURNAL_STATE).status()).isIn(401, 403);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> linesAfter(long after, long wait) {
		Response page = get(AuditPaths.JOURNAL_LINES + "?device=file/&after=" + after + "&wait=" + wait);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return (List<Map<String, Object>>) page.json().get("lines");
	}

	/** The long-poll is parked once the node's journal has a waiter (no fixed sleep). */
	private void awaitWaiting() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.journal.waiting() > 0);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
	}

	private Response post(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	private Response send(HttpRequest.Builder request) {
		request.header(InternalIdentity.HEADER,
				AUDIT.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of()));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Response(int status, String body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

	}

}
