package io.coffer.support.node;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to the active secrets node, each signed with the calling service's own identity
 * (audience {@code coffer-secrets}). One attempt over the node list per call, starting
 * with the node that answered last: a node that cannot be reached or answers 503 (a
 * standby, sealed) is skipped for the next one. Nothing is retried on a node that may
 * have run the call.
 */
public class ActiveNodeCalls {

	private static final Logger log = LoggerFactory.getLogger(ActiveNodeCalls.class);

	private final List<URI> nodes;

	private final HttpClient http;

	private final IdentitySigner signer;

	private final JsonMapper json;

	private final AtomicInteger lastGood = new AtomicInteger();

	public ActiveNodeCalls(List<URI> nodes, HttpClient http, IdentitySigner signer, JsonMapper json) {
		this.nodes = List.copyOf(nodes);
		this.http = http;
		this.signer = signer;
		this.json = json;
	}

	/**
	 * A call's method, path below the node's base URL, JSON body (or null), timeout, and
	 * optionally a file sent as the body instead ({@code application/octet-stream},
	 * streamed, sent again from its start to the next node).
	 */
	public record Call(String method, String path, String body, Duration timeout, Path file) {

		public Call(String method, String path, String body, Duration timeout) {
			this(method, path, body, timeout, null);
		}

		/** A call whose body is {@code file}, streamed. */
		public static Call upload(String method, String path, Path file, Duration timeout) {
			return new Call(method, path, null, timeout, file);
		}

	}

	/**
	 * The answer of the first node that is reachable and not 503, whatever its status.
	 * @throws NodeUnavailableException when no node was
	 */
	public <T> HttpResponse<T> active(Call call, HttpResponse.BodyHandler<T> handler) {
		if (this.nodes.isEmpty()) {
			throw new NodeUnavailableException("no secrets node configured");
		}
		int start = this.lastGood.get();
		String last = "no active node reachable";
		for (int i = 0; i < this.nodes.size(); i++) {
			int index = (start + i) % this.nodes.size();
			URI node = this.nodes.get(index);
			HttpResponse<T> response;
			try {
				response = this.http.send(request(node, call), handler);
			}
			catch (IOException ex) {
				log.debug("secrets node {} unreachable: {}", node, ex.toString());
				last = "secrets node " + node + " unreachable";
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NodeUnavailableException("interrupted");
			}
			if (response.statusCode() == 503) {
				last = "secrets node " + node + " is not active";
				discard(response);
				continue;
			}
			this.lastGood.set(index);
			return response;
		}
		throw new NodeUnavailableException(last);
	}

	/**
	 * The active node's 2xx body.
	 * @throws NodeRefusedException with the node's status and error text otherwise
	 */
	public String call(Call call) {
		HttpResponse<String> response = active(call, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 == 2) {
			return response.body();
		}
		throw new NodeRefusedException(response.statusCode(), errorText(response.statusCode(), response.body()));
	}

	/**
	 * Vault's {@code errors}, joined; or the status when the body is not the envelope.
	 */
	public String errorText(int status, String body) {
		try {
			JsonNode errors = this.json.readTree(body).path("errors");
			if (errors.isArray() && !errors.isEmpty()) {
				StringBuilder text = new StringBuilder();
				errors.forEach((error) -> text.append((text.length() > 0) ? "; " : "").append(error.asString()));
				return text.toString();
			}
		}
		catch (JacksonException ex) {
			// not Vault's envelope: the status says it all
		}
		return "the node answered " + status;
	}

	private HttpRequest request(URI node, Call call) {
		String identity = this.signer.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(call.path()))
			.timeout(call.timeout())
			.header(InternalIdentity.HEADER, identity)
			.method(call.method(), publisher(call));
		if (call.file() != null) {
			request.header("Content-Type", "application/octet-stream");
		}
		else if (call.body() != null) {
			request.header("Content-Type", "application/json");
		}
		return request.build();
	}

	private static HttpRequest.BodyPublisher publisher(Call call) {
		if (call.file() != null) {
			try {
				return HttpRequest.BodyPublishers.ofFile(call.file());
			}
			catch (FileNotFoundException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return (call.body() != null) ? HttpRequest.BodyPublishers.ofString(call.body())
				: HttpRequest.BodyPublishers.noBody();
	}

	private static void discard(HttpResponse<?> response) {
		if (response.body() instanceof InputStream stream) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// nothing was read from it
			}
		}
	}

}
