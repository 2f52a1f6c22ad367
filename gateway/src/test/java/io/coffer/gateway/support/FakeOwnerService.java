package io.coffer.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.authorize.AclEpoch;

/**
 * A stand-in for a service other than the secrets nodes (lease, audit, snapshot): the
 * JDK's HTTP server on a random port that records every request and answers {@code 200
 * {"data":{"served_by":"<name>"}}} (with an ACL epoch header the gateway must not pass
 * on).
 */
public final class FakeOwnerService {

	/** One request it received, headers by lower-case name. */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

	}

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private FakeOwnerService(String name) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	public static FakeOwnerService start(String name) {
		return new FakeOwnerService(name);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public void reset() {
		this.received.clear();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, List<String>> headers = new java.util.HashMap<>();
		exchange.getRequestHeaders()
			.forEach((key, values) -> headers.put(key.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body));
		byte[] answer = ("{\"data\":{\"served_by\":\"" + this.name + "\"}}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set(AclEpoch.HEADER, "owner-epoch");
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

}
