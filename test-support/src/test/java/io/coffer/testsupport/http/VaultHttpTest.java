package io.coffer.testsupport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Against a loopback server that records what arrives and answers as told. */
class VaultHttpTest {

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private VaultHttp http;

	private volatile int status = 200;

	private volatile String answer = "{\"data\":{\"k\":\"v\"}}";

	record Seen(String method, String path, String token, String contentType, String body) {
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.http = new VaultHttp(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()));
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				exchange.getRequestHeaders().getFirst("X-Vault-Token"),
				exchange.getRequestHeaders().getFirst("Content-Type"), body));
		byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(this.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Test
	void sendsTheBoundTokenOrTheGivenOneOrNone() {
		VaultHttp withToken = this.http.withToken("hvs.bound");

		withToken.get("secret/data/a");
		withToken.get("secret/data/a", "hvs.other");
		withToken.get("sys/health", null);

		assertThat(this.seen).extracting(Seen::token).containsExactly("hvs.bound", "hvs.other", null);
	}

	@Test
	void serializesObjectsAsJsonAndSendsStringsAsTheyAre() {
		this.http.post("secret/data/a", Map.of("data", Map.of("k", "v")), null);
		this.http.put("sys/unseal", "{not json", null);
		this.http.list("secret/metadata/");

		assertThat(this.seen).extracting(Seen::method).containsExactly("POST", "PUT", "LIST");
		assertThat(this.seen).extracting(Seen::path)
			.containsExactly("/v1/secret/data/a", "/v1/sys/unseal", "/v1/secret/metadata/");
		assertThat(this.seen.get(0).body()).isEqualTo("{\"data\":{\"k\":\"v\"}}");
		assertThat(this.seen.get(0).contentType()).isEqualTo("application/json");
		assertThat(this.seen.get(1).body()).isEqualTo("{not json");
		assertThat(this.seen.get(2).contentType()).isNull();
	}

	@Test
	void aReplyKeepsStatusHeadersAndBodyAsSent() {
		this.status = 404;
		this.answer = "{\"errors\":[]}";

		VaultReply reply = this.http.get("secret/data/missing?version=2", "t");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
		assertThat(reply.json().get("errors").isArray()).isTrue();
		assertThat(reply.isSuccess()).isFalse();
		assertThat(reply.request()).isEqualTo("GET /v1/secret/data/missing");
	}

	@Test
	void requireSuccessNamesStatusAndRequestButNeverTheBody() {
		this.status = 503;
		this.answer = "{\"errors\":[\"hvs.secret-token-in-body\"]}";

		assertThatExceptionOfType(UnexpectedStatusException.class)
			.isThrownBy(() -> this.http.post("secret/data/a", "{}").requireSuccess())
			.withMessage("HTTP 503 for POST /v1/secret/data/a")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		this.status = 204;
		assertThat(this.http.delete("secret/data/a").requireSuccess().status()).isEqualTo(204);
	}

	@Test
	void statusOfIsMinusOneWhenNothingAnswers() {
		URI base = this.http.baseUri();
		assertThat(this.http.statusOf(base.resolve("/v1/sys/health"))).isEqualTo(200);
		this.server.stop(0);

		assertThat(this.http.statusOf(base.resolve("/v1/sys/health"))).isEqualTo(-1);
	}

	@Test
	void atKeepsTheTokenAndTargetsAnotherServer() {
		VaultHttp other = new VaultHttp(URI.create("http://127.0.0.1:1")).withToken("hvs.kept").at(this.http.baseUri());

		other.get("sys/mounts");

		assertThat(this.seen).extracting(Seen::token).containsExactly("hvs.kept");
	}

}
