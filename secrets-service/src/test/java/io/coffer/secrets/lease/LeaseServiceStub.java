package io.coffer.secrets.lease;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeasePaths;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for lease-service in the node's tests: records every call (path, identity,
 * JSON body) and answers each path as the test says; by default a registration is granted
 * for the TTL it asks and a token revocation is taken (204).
 */
final class LeaseServiceStub implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Map<String, Object>, Answer>> answers = new ConcurrentHashMap<>();

	private LeaseServiceStub(HttpServer server) {
		this.server = server;
		reset();
	}

	static LeaseServiceStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			LeaseServiceStub stub = new LeaseServiceStub(server);
			server.createContext("/", stub::handle);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Back to the default answers, with no call recorded. */
	void reset() {
		this.calls.clear();
		this.answers.clear();
		this.answers.put(LeasePaths.REGISTER, (body) -> {
			Instant now = Instant.now();
			return new Answer(200, Map.of("leaseId", body.get("leaseId"), "issueTime", now.toString(), "expireTime",
					now.plusSeconds(((Number) body.get("ttlSeconds")).longValue()).toString()));
		});
		this.answers.put(LeasePaths.REVOKE_TOKEN, (body) -> new Answer(204, null));
		this.answers.put(LeasePaths.REVOKE_MOUNT, (body) -> new Answer(204, null));
	}

	/** Answers every later call on {@code path} with {@code status} and {@code body}. */
	void answer(String path, int status, Object body) {
		this.answers.put(path, (request) -> new Answer(status, body));
	}

	/**
	 * Runs {@code action} on every later call on {@code path} (in the server's thread,
	 * before answering), then answers {@code status} without a body.
	 */
	void onCall(String path, java.util.function.Consumer<Map<String, Object>> action, int status) {
		this.answers.put(path, (request) -> {
			action.accept(request);
			return new Answer(status, null);
		});
	}

	List<Call> calls(String path) {
		return this.calls.stream().filter((call) -> call.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath();
			Map<String, Object> body = JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
			this.calls.add(new Call(path, exchange.getRequestHeaders().getFirst(InternalIdentity.HEADER), body));
			Function<Map<String, Object>, Answer> answer = this.answers.get(path);
			Answer reply = (answer != null) ? answer.apply(body) : new Answer(404, Map.of("errors", List.of()));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			if (reply.body() == null) {
				exchange.sendResponseHeaders(reply.status(), -1);
				return;
			}
			byte[] bytes = JSON.writeValueAsBytes(reply.body());
			exchange.sendResponseHeaders(reply.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * One call lease-service received.
	 *
	 * @param path the request path
	 * @param identity the internal identity header
	 * @param body the JSON body
	 */
	record Call(String path, String identity, Map<String, Object> body) {
	}

	private record Answer(int status, Object body) {
	}

}
