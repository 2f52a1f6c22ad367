package io.coffer.audit.device.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;

class HttpSinkTest {

	private final HttpSinkFactory factory = new HttpSinkFactory();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(204);

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/ingress", this::handle);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void postsBatchesOfPrefixedNewlineTerminatedLinesWithTheConfiguredHeaders() throws IOException {
		try (AuditSink sink = this.factory.create("http/", Map.of("uri", uri(), "prefix", "@cee: ", "batch_lines", "2",
				"headers", "{\"Authorization\":[\"Bearer t0k\"],\"X-Multi\":[\"a\",\"b\"],\"X-None\":[]}"))) {
			sink.write(List.of(line(1), line(2), line(3)));
		}
		assertThat(this.received).hasSize(2);
		Received first = this.received.get(0);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.body()).isEqualTo("@cee: {\"seq\":1}\n@cee: {\"seq\":2}\n");
		assertThat(this.received.get(1).body()).isEqualTo("@cee: {\"seq\":3}\n");
		assertThat(first.headers().getFirst("Authorization")).isEqualTo("Bearer t0k");
		assertThat(first.headers().get("X-Multi")).containsExactly("a", "b");
		assertThat(first.headers().containsKey("X-None")).isFalse();
		assertThat(first.headers().getFirst("User-Agent")).isEqualTo(HttpSink.USER_AGENT);
		assertThat(first.headers().getFirst("Content-Type")).isEqualTo("application/x-ndjson");
	}

	@Test
	void aBatchOfOneIsOpenBaosBody() throws IOException {
		try (AuditSink sink = this.factory.create("http/", Map.of("uri", uri(), "batch_lines", "1"))) {
			sink.write(List.of(line(1), line(2)));
		}
		assertThat(this.received).extracting(Received::body).containsExactly("{\"seq\":1}\n", "{\"seq\":2}\n");
	}

	@Test
	void defaultBatchesCarryAHundredLines() throws IOException {
		try (AuditSink sink = this.factory.create("http/", Map.of("uri", uri()))) {
			sink.write(IntStream.rangeClosed(1, 150).mapToObj(HttpSinkTest::line).toList());
		}
		assertThat(this.received).extracting((r) -> r.body().lines().count()).containsExactly(100L, 50L);
	}

	@Test
	void aNon2xxAnswerOrARedirectFailsTheWriteSoThatDeliveryRetries() throws IOException {
		try (AuditSink sink = this.factory.create("http/", Map.of("uri", uri()))) {
			this.status.set(503);
			assertThatIOException().isThrownBy(() -> sink.write(List.of(line(1))))
				.withMessageContaining("status code not 2xx: 503");
			this.status.set(302);
			assertThatIOException().isThrownBy(() -> sink.write(List.of(line(1))))
				.withMessageContaining("status code not 2xx: 302");
			this.status.set(200);
			sink.write(List.of(line(1)));
		}
		assertThat(this.received).hasSize(3);
	}

	@Test
	void testWritePostsNoEntryAndFailsWhenTheServerRefusesOrIsGone() throws IOException {
		try (AuditSink sink = this.factory.create("http/", Map.of("uri", uri()))) {
			sink.testWrite();
			assertThat(this.received).singleElement().extracting(Received::body).isEqualTo("");
			this.status.set(401);
			assertThatIOException().isThrownBy(sink::testWrite).withMessageContaining("401");
			this.server.stop(0);
			assertThatIOException().isThrownBy(sink::testWrite).withMessageContaining("failed to perform request");
		}
	}

	@Test
	void refusesInvalidOptionsWithOpenBaosMessages() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("http/", Map.of()))
			.withMessage("uri is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("http/", Map.of("uri", "ftp://x/secret")))
			.withMessageStartingWith("failed to parse uri");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("http/", Map.of("uri", "http://x/", "headers", "{\"a\":\"b\"}")))
			.withMessageStartingWith("failed to parse headers");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("http/", Map.of("uri", "http://x/", "headers", "{\"Host\":[\"y\"]}")))
			.withMessageStartingWith("failed to parse header Host");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("http/", Map.of("uri", "http://x/", "batch_lines", "0")))
			.withMessageContaining("batch_lines");
	}

	private String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ingress";
	}

	private static DeliveredLine line(int seq) {
		return new DeliveredLine("j1", "node-1", seq, "req-" + seq, "{\"seq\":" + seq + "}");
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(),
					new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
		int answer = this.status.get();
		if (answer == 302) {
			exchange.getResponseHeaders().add("Location", "/elsewhere");
		}
		exchange.sendResponseHeaders(answer, -1);
		exchange.close();
	}

	private record Received(String method, Headers headers, String body) {
	}

}
