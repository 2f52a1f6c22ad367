package io.coffer.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Vault API client on the JDK HttpClient (HTTP/1.1). With keep-alive the client pools
 * its connections; without it every request carries {@code Connection: close}, so each
 * one opens a new TCP connection, as a client without pooling does.
 */
public final class VaultHttp {

	/**
	 * The JDK client refuses to set {@code Connection} unless allowed before its first
	 * use.
	 */
	public static final String ALLOW_CONNECTION_HEADER = "jdk.httpclient.allowRestrictedHeaders";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client;

	private final URI base;

	private final String token;

	private final boolean keepAlive;

	public VaultHttp(HttpClient client, URI base, String token, boolean keepAlive) {
		this.client = client;
		this.base = base;
		this.token = token;
		this.keepAlive = keepAlive;
	}

	public static HttpClient newClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public VaultHttp withKeepAlive(boolean on) {
		return new VaultHttp(this.client, this.base, this.token, on);
	}

	public VaultHttp at(URI otherBase) {
		return new VaultHttp(this.client, otherBase, this.token, this.keepAlive);
	}

	public URI base() {
		return this.base;
	}

	/** GET, failing unless the answer is 2xx. */
	public String get(String path) throws IOException, InterruptedException {
		return send(builder(path).GET(), path);
	}

	/** POST of a JSON body, failing unless the answer is 2xx. */
	public String post(String path, String json) throws IOException, InterruptedException {
		return send(builder(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), path);
	}

	/** The status of a GET, whatever it is. */
	public int status(String path) throws IOException, InterruptedException {
		return this.client.send(builder(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private HttpRequest.Builder builder(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve("/v1/" + path))
			.timeout(REQUEST_TIMEOUT)
			.header("X-Vault-Token", this.token);
		if (!this.keepAlive) {
			builder.header("Connection", "close");
		}
		return builder;
	}

	private String send(HttpRequest.Builder builder, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		int status = response.statusCode();
		if (status / 100 != 2) {
			throw new UnexpectedStatusException(status, path);
		}
		return response.body();
	}

}
