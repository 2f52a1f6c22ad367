package io.coffer.secrets.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.identity.TestIdentities;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against one node, so tests see exactly what a Vault client sees (status,
 * headers, body). Every call carries a fresh internal identity signed with the TEST
 * gateway key, as the gateway's calls do, unless {@link #identity} says otherwise.
 */
public final class NodeClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private String token;

	private Supplier<String> identity = TestIdentities::valid;

	public NodeClient(String base) {
		this.base = base;
	}

	/**
	 * A client for the same node whose calls carry what {@code identity} supplies in
	 * {@link InternalIdentity#HEADER} (a {@code null} value sends no header).
	 */
	public NodeClient identity(Supplier<String> identity) {
		NodeClient other = copy();
		other.identity = identity;
		return other;
	}

	/** A client for the same node that adds {@code name: value} to every call. */
	public NodeClient header(String name, String value) {
		NodeClient other = copy();
		other.headers.put(name, value);
		return other;
	}

	/**
	 * Initializes (one share) and unseals the node at {@code base}, waits until it is
	 * active, and returns a client holding the root token.
	 */
	@SuppressWarnings("unchecked")
	public static NodeClient unsealedRoot(String base) {
		NodeClient client = new NodeClient(base);
		Response init = client.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1));
		client.call("PUT", "sys/unseal", Map.of("key", ((java.util.List<String>) init.json().get("keys")).get(0)));
		return client.token((String) init.json().get("root_token")).awaitActive();
	}

	public String base() {
		return this.base;
	}

	public String currentToken() {
		return this.token;
	}

	public NodeClient token(String token) {
		this.token = token;
		return this;
	}

	public Response call(String method, String path, Object body) {
		return call(method, path, body, "application/json");
	}

	public Response call(String method, String path, Object body, String contentType) {
		return send(method, "/v1/" + path, body, contentType);
	}

	/** A call outside Vault's API, e.g. {@code /actuator/prometheus}. */
	public Response raw(String method, String absolutePath) {
		return send(method, absolutePath, null, null);
	}

	/**
	 * {@code GET /v1/<path>} with the body streamed into {@code file} (as
	 * {@code vault operator raft snapshot save} does), whatever the status.
	 */
	public Download download(String path, java.nio.file.Path file) {
		HttpRequest request = builder("/v1/" + path).GET().build();
		try {
			HttpResponse<java.nio.file.Path> response = this.http.send(request, HttpResponse.BodyHandlers.ofFile(file));
			return new Download(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code method /v1/<path>} with {@code file} as the raw body (as
	 * {@code vault operator raft snapshot restore} sends a snapshot).
	 */
	public Response upload(String method, String path, java.nio.file.Path file) {
		try {
			HttpRequest request = builder("/v1/" + path).header("Content-Type", "application/octet-stream")
				.method(method, HttpRequest.BodyPublishers.ofFile(file))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder builder(String absolutePath) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + absolutePath));
		if (this.token != null) {
			request.header("X-Vault-Token", this.token);
		}
		String signed = this.identity.get();
		if (signed != null) {
			request.header(InternalIdentity.HEADER, signed);
		}
		this.headers.forEach(request::header);
		return request;
	}

	private Response send(String method, String absolutePath, Object body, String contentType) {
		HttpRequest.Builder request = builder(absolutePath);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		HttpRequest.BodyPublisher publisher = (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers
					.ofString((body instanceof String text) ? text : JSON.writeValueAsString(body));
		request.method(method, publisher);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private NodeClient copy() {
		NodeClient other = new NodeClient(this.base);
		other.token = this.token;
		other.identity = this.identity;
		other.headers.putAll(this.headers);
		return other;
	}

	/**
	 * Waits until this node reports itself active (unsealing is synchronous, winning the
	 * election is not).
	 */
	public NodeClient awaitActive() {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> call("GET", "sys/health", null).status() == 200);
		return this;
	}

	/**
	 * Initializes the node with one key share, unseals it, waits until it is active and
	 * makes this client use the root token.
	 */
	@SuppressWarnings("unchecked")
	public NodeClient initializeAndUnseal() {
		Map<String, Object> init = call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1)).json();
		call("PUT", "sys/unseal", Map.of("key", ((java.util.List<String>) init.get("keys")).get(0)));
		return awaitActive().token((String) init.get("root_token"));
	}

	/** A downloaded body, kept in {@code file}. */
	public record Download(int status, java.nio.file.Path file, Map<String, java.util.List<String>> headers) {

		public String header(String name) {
			return new Response(this.status, "", this.headers).header(name);
		}

	}

	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> data() {
			return (Map<String, Object>) json().get("data");
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
