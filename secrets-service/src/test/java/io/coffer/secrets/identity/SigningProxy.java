package io.coffer.secrets.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.identity.InternalIdentity;

/**
 * What the gateway does for a node, in miniature, for tests whose client cannot add
 * headers itself (Spring Vault, another node's transit seal): forwards each request to
 * one node with a fresh internal identity signed by the test key. An unreachable node
 * answers 502, as a gateway with no node would fail.
 */
public final class SigningProxy implements AutoCloseable {

	private static final Set<String> FORWARDED = Set.of("x-vault-token", "content-type", "x-vault-wrap-ttl");

	private final HttpClient http = HttpClient.newHttpClient();

	private final HttpServer server;

	private final String target;

	public SigningProxy(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	public String address() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create(this.target + exchange.getRequestURI().toString()))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
				.header(InternalIdentity.HEADER, TestIdentities.valid());
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response;
			try {
				response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers()
				.firstValue("Content-Type")
				.ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
			byte[] out = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (out.length == 0) ? -1 : out.length);
			if (out.length > 0) {
				try (OutputStream os = exchange.getResponseBody()) {
					os.write(out);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
