package io.coffer.audit.device.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;

/**
 * An {@code http} device: POSTs the lines to {@code uri}, {@code batch_lines} at a time,
 * each line prefixed and newline-terminated (newline-delimited JSON; a batch of one is
 * byte for byte OpenBao's body). As in OpenBao, only a 2xx answer counts: redirects are
 * not followed, and anything else fails the batch, which delivery writes again.
 * Thread-safe without a lock: the journals' deliveries post in parallel, each journal's
 * lines in order.
 */
final class HttpSink implements AuditSink {

	static final String USER_AGENT = "Coffer-Auditor";

	private final HttpOptions options;

	private final HttpClient client;

	HttpSink(HttpOptions options) {
		this.options = options;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(options.writeTimeout())
			.build();
	}

	/**
	 * An empty POST: proves the URL, its TLS and its headers are accepted, carries no
	 * entry.
	 */
	@Override
	public void testWrite() throws IOException {
		post(new byte[0], 0);
	}

	@Override
	public void write(List<DeliveredLine> lines) throws IOException {
		for (int from = 0; from < lines.size(); from += this.options.batchLines()) {
			List<DeliveredLine> batch = lines.subList(from, Math.min(lines.size(), from + this.options.batchLines()));
			StringBuilder body = new StringBuilder();
			for (DeliveredLine line : batch) {
				body.append(this.options.prefix()).append(line.line()).append('\n');
			}
			post(body.toString().getBytes(StandardCharsets.UTF_8), batch.size());
		}
	}

	private void post(byte[] body, int lines) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.options.uri())
			.timeout(this.options.writeTimeout())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (Map.Entry<String, List<String>> header : this.options.headers().entrySet()) {
			for (String value : header.getValue()) {
				request.header(header.getKey(), value);
			}
		}
		if (!this.options.hasHeader("User-Agent")) {
			request.header("User-Agent", USER_AGENT);
		}
		if (!this.options.hasHeader("Content-Type")) {
			request.header("Content-Type", "application/x-ndjson");
		}
		HttpResponse<Void> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while posting to the http audit device");
		}
		catch (IOException ex) {
			// The JDK's messages may quote the URI, which may carry a credential.
			throw new IOException("failed to perform request to " + this.options.uri().getHost() + ": "
					+ ex.getClass().getSimpleName());
		}
		if (response.statusCode() < 200 || response.statusCode() >= 300) {
			throw new IOException("failed to perform request: status code not 2xx: " + response.statusCode()
					+ " (a batch of " + lines + " lines)");
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
