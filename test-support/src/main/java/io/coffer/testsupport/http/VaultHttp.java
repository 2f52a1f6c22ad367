package io.coffer.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * The one client for Vault's HTTP API that tests and the benchmark use: every answer
 * comes back as a {@link VaultReply} with status, headers and body exactly as a client
 * receives them (Spring Vault hides most of that); {@link VaultReply#requireSuccess()}
 * turns a non-2xx answer into an {@link UnexpectedStatusException} where only success
 * matters.
 * <p>
 * Instances are immutable and cheap: {@link #withToken}, {@link #withKeepAlive},
 * {@link #withTimeout} and {@link #at} return a copy sharing the same connection pool.
 * The one-argument methods send the bound token (if any); the methods taking a
 * {@code token} send that one instead ({@code null}: no token header). An I/O failure
 * (nothing answers, timeout) is an {@link UncheckedIOException}.
 */
public final class VaultHttp {

	/**
	 * The JDK client refuses to set {@code Connection} unless this system property allows
	 * it before the client's first use: set it to {@code connection} to use
	 * {@link #withKeepAlive withKeepAlive(false)}.
	 */
	public static final String ALLOW_CONNECTION_HEADER = "jdk.httpclient.allowRestrictedHeaders";

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient client;

	private final URI baseUri;

	private final String token;

	private final boolean keepAlive;

	private final Duration timeout;

	/** A client of its own for {@code baseUri}, with no token and pooled connections. */
	public VaultHttp(URI baseUri) {
		this(newClient(), baseUri, null, true, DEFAULT_TIMEOUT);
	}

	private VaultHttp(HttpClient client, URI baseUri, String token, boolean keepAlive, Duration timeout) {
		this.client = client;
		this.baseUri = baseUri;
		this.token = token;
		this.keepAlive = keepAlive;
		this.timeout = timeout;
	}

	/** An HTTP/1.1 client that follows no redirect, as Vault clients expect. */
	public static HttpClient newClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** This client sending {@code token} on the one-argument methods. */
	public VaultHttp withToken(String boundToken) {
		return new VaultHttp(this.client, this.baseUri, boundToken, this.keepAlive, this.timeout);
	}

	/**
	 * With {@code on == false} every request carries {@code Connection: close}, so each
	 * opens a new TCP connection, as a client without pooling does (needs
	 * {@link #ALLOW_CONNECTION_HEADER}).
	 */
	public VaultHttp withKeepAlive(boolean on) {
		return new VaultHttp(this.client, this.baseUri, this.token, on, this.timeout);
	}

	/** How long one request may take before it fails (default 30 s). */
	public VaultHttp withTimeout(Duration requestTimeout) {
		return new VaultHttp(this.client, this.baseUri, this.token, this.keepAlive, requestTimeout);
	}

	/** The same client (token, pool, settings) against another server, e.g. one node. */
	public VaultHttp at(URI otherBase) {
		return new VaultHttp(this.client, otherBase, this.token, this.keepAlive, this.timeout);
	}

	public URI baseUri() {
		return this.baseUri;
	}

	public VaultReply get(String path) {
		return send("GET", path, null, this.token);
	}

	public VaultReply list(String path) {
		return send("LIST", path, null, this.token);
	}

	public VaultReply put(String path, Object body) {
		return send("PUT", path, body, this.token);
	}

	public VaultReply post(String path, Object body) {
		return send("POST", path, body, this.token);
	}

	public VaultReply delete(String path) {
		return send("DELETE", path, null, this.token);
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
	 * out as is (raw JSON, or malformed JSON on purpose), anything else is serialized as
	 * JSON. A null token sends no token header.
	 */
	public VaultReply send(String method, String path, Object body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve("/v1/" + path)).timeout(this.timeout);
		if (token != null) {
			request.header("X-Vault-Token", token);
		}
		if (!this.keepAlive) {
			request.header("Connection", "close");
		}
		if (body == null) {
			request.method(method, BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(Json.text(body)));
		}
		String line = VaultReply.requestLine(method, path);
		try {
			var response = this.client.send(request.build(), BodyHandlers.ofString());
			return new VaultReply(line, response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(line + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * The status of a GET on any URI (e.g. {@code /actuator/health}, or a node's
	 * {@code /v1/sys/health}); -1 when nothing answers within 5 s.
	 */
	public int statusOf(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build();
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
