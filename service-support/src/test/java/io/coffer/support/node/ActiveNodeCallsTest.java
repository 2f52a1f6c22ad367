package io.coffer.support.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The active-node loop over real HTTP: a standby's 503 and an unreachable node are
 * skipped, the node that answered is asked first next time, Vault's error envelope
 * becomes the refusal's text, and every call carries a signed identity.
 */
class ActiveNodeCallsTest {

	private static final ActiveNodeCalls.Call GET = new ActiveNodeCalls.Call("GET", "/internal/x", null,
			Duration.ofSeconds(5));

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void stop() {
		this.servers.forEach((server) -> server.stop(0));
	}

	@Test
	void standbysAndUnreachableNodesAreSkippedAndTheActiveOneIsAskedFirstNextTime() throws IOException {
		AtomicInteger standbyCalls = new AtomicInteger();
		AtomicReference<String> identity = new AtomicReference<>();
		URI standby = node(503, "{\"errors\":[]}", standbyCalls, null);
		URI active = node(200, "{\"ok\":true}", new AtomicInteger(), identity);
		ActiveNodeCalls calls = calls(List.of(URI.create("http://127.0.0.1:1"), standby, active));

		assertThat(calls.call(GET)).isEqualTo("{\"ok\":true}");
		assertThat(calls.call(GET)).isEqualTo("{\"ok\":true}");

		assertThat(standbyCalls).hasValue(1);
		assertThat(identity.get()).isNotBlank();
	}

	@Test
	void anErrorEnvelopeIsARefusalWithTheNodesTextAndNoNodeAtAllIsUnavailable() throws IOException {
		ActiveNodeCalls refusing = calls(
				List.of(node(400, "{\"errors\":[\"bad\",\"worse\"]}", new AtomicInteger(), null)));
		assertThatExceptionOfType(NodeRefusedException.class).isThrownBy(() -> refusing.call(GET))
			.withMessage("bad; worse")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));

		ActiveNodeCalls standbysOnly = calls(List.of(node(503, "", new AtomicInteger(), null)));
		assertThatExceptionOfType(NodeUnavailableException.class).isThrownBy(() -> standbysOnly.call(GET))
			.withMessageContaining("is not active");
	}

	private ActiveNodeCalls calls(List<URI> nodes) {
		IdentitySigner signer = new IdentitySigner(
				IdentityKeyFiles.generate(this.dir.resolve("key-" + UUID.randomUUID() + ".pem"), new SecureRandom()),
				Clock.systemUTC(), "test");
		return new ActiveNodeCalls(nodes, HttpClient.newHttpClient(), signer, JsonMapper.builder().build());
	}

	private URI node(int status, String body, AtomicInteger count, AtomicReference<String> identity)
			throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			count.incrementAndGet();
			if (identity != null) {
				identity.set(exchange.getRequestHeaders().getFirst(InternalIdentity.HEADER));
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		this.servers.add(server);
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

}
