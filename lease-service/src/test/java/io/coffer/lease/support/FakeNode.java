package io.coffer.lease.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.identity.InternalIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A secrets node standing in for the real one: a small HTTP server answering
 * {@code POST /internal/leases/revoke}, {@code /revoke-batch} and {@code /renew} as
 * configured, counting the revocations per lease id (batched or not) and keeping the last
 * renewal request.
 */
public final class FakeNode implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, AtomicInteger> revocations = new ConcurrentHashMap<>();

	private final AtomicInteger unsigned = new AtomicInteger();

	private volatile int revokeStatus = 204;

	private volatile String revokeError = "";

	private volatile long renewTtl = 3600;

	private volatile boolean renewRenewable = true;

	private volatile int status;

	private volatile long delayMillis;

	private volatile boolean batches = true;

	private final AtomicInteger batchCalls = new AtomicInteger();

	private final Map<String, String> refused = new ConcurrentHashMap<>();

	private final AtomicReference<JsonNode> lastRenewal = new AtomicReference<>();

	public FakeNode() {
		// answers go out at once, not after the peer's delayed ACK (Nagle): the node is
		// not the bottleneck
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/internal/leases/revoke", this::revoke);
		this.server.createContext("/internal/leases/revoke-batch", this::revokeBatch);
		this.server.createContext("/internal/leases/renew", this::renew);
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Revocations answer this status (204 for success) and error text. */
	public void answerRevocations(int status, String error) {
		this.revokeStatus = status;
		this.revokeError = error;
	}

	/**
	 * Revocations of this lease are refused with 500 and this error, whatever else is
	 * configured.
	 */
	public void refuse(String leaseId, String error) {
		this.refused.put(leaseId, error);
	}

	/**
	 * Whether {@code /internal/leases/revoke-batch} exists (else 404, as an older node).
	 */
	public void acceptBatches(boolean accept) {
		this.batches = accept;
	}

	/** Calls to {@code /internal/leases/revoke-batch} answered with outcomes. */
	public int batchCalls() {
		return this.batchCalls.get();
	}

	/** Renewals grant this TTL. */
	public void grantRenewals(long ttlSeconds, boolean renewable) {
		this.renewTtl = ttlSeconds;
		this.renewRenewable = renewable;
	}

	/** Every call is answered with this status first (e.g. 503, a standby); 0: none. */
	public void answerEverything(int status) {
		this.status = status;
	}

	/** Each revocation takes this long. */
	public void delayRevocations(long millis) {
		this.delayMillis = millis;
	}

	public int revocations(String leaseId) {
		AtomicInteger count = this.revocations.get(leaseId);
		return (count != null) ? count.get() : 0;
	}

	public Map<String, AtomicInteger> revocations() {
		return this.revocations;
	}

	public int totalRevocations() {
		return this.revocations.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** Calls that came without an internal identity. */
	public int unsignedCalls() {
		return this.unsigned.get();
	}

	public JsonNode lastRenewal() {
		return this.lastRenewal.get();
	}

	private void revoke(HttpExchange exchange) throws IOException {
		JsonNode body = read(exchange);
		if (this.status != 0) {
			answer(exchange, this.status, "{\"errors\":[\"standby\"]}");
			return;
		}
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String leaseId = body.path("leaseId").asString();
		this.revocations.computeIfAbsent(leaseId, (id) -> new AtomicInteger()).incrementAndGet();
		if (this.refused.containsKey(leaseId)) {
			answer(exchange, 500,
					JSON.writeValueAsString(Map.of("errors", new String[] { this.refused.get(leaseId) })));
		}
		else if (this.revokeStatus == 204) {
			answer(exchange, 204, null);
		}
		else {
			answer(exchange, this.revokeStatus,
					JSON.writeValueAsString(Map.of("errors", new String[] { this.revokeError })));
		}
	}

	private void revokeBatch(HttpExchange exchange) throws IOException {
		JsonNode body = read(exchange);
		if (!this.batches) {
			answer(exchange, 404, "{\"errors\":[]}");
			return;
		}
		if (this.status != 0) {
			answer(exchange, this.status, "{\"errors\":[\"standby\"]}");
			return;
		}
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.batchCalls.incrementAndGet();
		java.util.List<Map<String, Object>> outcomes = new java.util.ArrayList<>();
		for (JsonNode revocation : body.path("revocations")) {
			String leaseId = revocation.path("leaseId").asString();
			this.revocations.computeIfAbsent(leaseId, (id) -> new AtomicInteger()).incrementAndGet();
			String refusal = this.refused.get(leaseId);
			if (refusal != null) {
				outcomes.add(Map.of("leaseId", leaseId, "status", 500, "error", refusal));
			}
			else if (this.revokeStatus == 204) {
				outcomes.add(Map.of("leaseId", leaseId, "status", 204));
			}
			else {
				outcomes.add(Map.of("leaseId", leaseId, "status", this.revokeStatus, "error", this.revokeError));
			}
		}
		answer(exchange, 200, JSON.writeValueAsString(Map.of("outcomes", outcomes)));
	}

	private void renew(HttpExchange exchange) throws IOException {
		JsonNode body = read(exchange);
		if (this.status != 0) {
			answer(exchange, this.status, "{\"errors\":[\"standby\"]}");
			return;
		}
		this.lastRenewal.set(body);
		answer(exchange, 200,
				JSON.writeValueAsString(Map.of("ttlSeconds", this.renewTtl, "renewable", this.renewRenewable)));
	}

	private JsonNode read(HttpExchange exchange) throws IOException {
		if (exchange.getRequestHeaders().getFirst(InternalIdentity.HEADER) == null) {
			this.unsigned.incrementAndGet();
		}
		return JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
		}
		else {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
