package io.coffer.secrets.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against one node, so tests see exactly what a Vault client sees (status,
 * headers, body).
 */
public final class NodeClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private String token;

	public NodeClient(String base) {
		this.base = base;
	}

	public NodeClient token(String token) {
		this.token = token;
		return this;
	}

	public Response call(String method, String path, Object body) {
		return call(method, path, body, "application/json");
	}

	public Response call(String method, String path, Object body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/v1/" + path));
		if (this.token != null) {
			request.header("X-Vault-Token", this.token);
		}
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
