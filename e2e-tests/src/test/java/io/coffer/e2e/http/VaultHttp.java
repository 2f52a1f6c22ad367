package io.coffer.e2e.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/**
 * A bare HTTP client for Vault's API, used where a test must see status codes, headers
 * and bodies exactly as a client receives them (Spring Vault hides most of that).
 */
public final class VaultHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI baseUri;

	public VaultHttp(URI baseUri) {
		this.baseUri = baseUri;
	}

	public URI baseUri() {
		return this.baseUri;
	}

	public VaultReply get(String path, String token) {
		return send("GET", path, null, token);
	}

	public VaultReply list(String path, String token) {
		return send("LIST", path, null, token);
	}

	public VaultReply put(String path, Object body, String token) {
		return send("PUT", path, body, token);
	}

	public VaultReply post(String path, Object body, String token) {
		return send("POST", path, body, token);
	}

	public VaultReply delete(String path, String token) {
		return send("DELETE", path, null, token);
	}

	/**
	 * Sends {@code method} to {@code /v1/<path>}. A {@code body} that is a String goes
	 * out as is (to send malformed JSON), anything else is serialized as JSON. A null
	 * token sends no token header.
	 */
	public VaultReply send(String method, String path, Object body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve("/v1/" + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("X-Vault-Token", token);
		}
		if (body == null) {
			request.method(method, BodyPublishers.noBody());
		}
		else {
			String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(text));
		}
		try {
			var response = this.client.send(request.build(), BodyHandlers.ofString());
			return new VaultReply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " /v1/" + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * GET on a path outside {@code /v1}, e.g. {@code /actuator/health}; -1 when nothing
	 * answers.
	 */
	public int statusOf(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
			return this.client.send(request, BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
