package io.coffer.snapshot.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.support.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the active secrets node's snapshot-auto endpoints ({@link SnapshotAutoPaths}),
 * signed with snapshot-service's own identity (caller {@code snapshot}, audience
 * {@code coffer-secrets}). It starts with the node that answered last; a node that is
 * unreachable or answers 503 (standby, sealed) is skipped for the next.
 */
public class NodeClient {

	private static final Logger log = LoggerFactory.getLogger(NodeClient.class);

	private final List<URI> nodes;

	private final HttpClient http;

	private final IdentitySigner signer;

	private final JsonMapper json;

	private final Timeouts timeouts;

	private final AtomicInteger lastGood = new AtomicInteger();

	/**
	 * @param call one configuration call
	 * @param snapshot until the node starts sending a snapshot
	 */
	public record Timeouts(Duration call, Duration snapshot) {
	}

	/** Reads a snapshot as the node streams it. */
	@FunctionalInterface
	public interface SnapshotSink<T> {

		T accept(InputStream content, long length) throws IOException;

	}

	public NodeClient(List<URI> nodes, HttpClient http, IdentitySigner signer, JsonMapper json, Timeouts timeouts) {
		this.nodes = List.copyOf(nodes);
		this.http = http;
		this.signer = signer;
		this.json = json;
		this.timeouts = timeouts;
	}

	/** The names of every configuration. */
	public List<String> names() {
		return Arrays.asList(read(call("GET", SnapshotAutoPaths.CONFIGS, null), String[].class, "list"));
	}

	public Optional<AutoSnapshotEntry> entry(String name) {
		try {
			return Optional.of(read(call("GET", one(name), null), AutoSnapshotEntry.class, "config"));
		}
		catch (NodeRefusedException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	public void put(String name, AutoSnapshotPut put) {
		call("PUT", one(name), this.json.writeValueAsString(put));
	}

	public void delete(String name) {
		call("DELETE", one(name), null);
	}

	/** The check-and-set claim of a tick: the answer says whether this caller got it. */
	public TickClaim claim(String name, long tick) {
		String body = call("POST", one(name) + SnapshotAutoPaths.CLAIM_SUFFIX,
				this.json.writeValueAsString(new TickClaim(tick, false)));
		return read(body, TickClaim.class, "claim");
	}

	public void status(String name, Map<String, Object> status) {
		call("PUT", one(name) + SnapshotAutoPaths.STATUS_SUFFIX, this.json.writeValueAsString(status));
	}

	/**
	 * Takes a snapshot on the active node and hands its stream to {@code sink}.
	 * @throws IOException when reading the stream or the sink fails
	 */
	public <T> T snapshot(SnapshotSink<T> sink) throws IOException {
		HttpResponse<InputStream> response = active(
				(node) -> send(node, request(node, "GET", SnapshotAutoPaths.SNAPSHOT, null, this.timeouts.snapshot()),
						HttpResponse.BodyHandlers.ofInputStream()));
		try (InputStream content = response.body()) {
			if (response.statusCode() != 200) {
				throw new NodeRefusedException(response.statusCode(), errorText(response.statusCode(),
						new String(content.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
			}
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			return sink.accept(content, length);
		}
	}

	private String call(String method, String path, String body) {
		HttpResponse<String> response = active((node) -> send(node,
				request(node, method, path, body, this.timeouts.call()), HttpResponse.BodyHandlers.ofString()));
		if (response.statusCode() / 100 == 2) {
			return response.body();
		}
		throw new NodeRefusedException(response.statusCode(), errorText(response.statusCode(), response.body()));
	}

	@FunctionalInterface
	private interface Exchange<T> {

		HttpResponse<T> with(URI node);

	}

	private <T> HttpResponse<T> active(Exchange<T> exchange) {
		if (this.nodes.isEmpty()) {
			throw new NodeUnavailableException("no secrets node configured (coffer.snapshot.nodes)");
		}
		int start = this.lastGood.get();
		String last = "no active node reachable";
		for (int i = 0; i < this.nodes.size(); i++) {
			int index = (start + i) % this.nodes.size();
			URI node = this.nodes.get(index);
			HttpResponse<T> response;
			try {
				response = exchange.with(node);
			}
			catch (NodeUnavailableException ex) {
				last = ex.getMessage();
				continue;
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

	private HttpRequest request(URI node, String method, String path, String body, Duration timeout) {
		String identity = this.signer.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path))
			.timeout(timeout)
			.header(InternalIdentity.HEADER, identity)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return request.build();
	}

	private <T> HttpResponse<T> send(URI node, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return this.http.send(request, handler);
		}
		catch (IOException ex) {
			log.debug("secrets node {} unreachable: {}", node, ex.toString());
			throw new NodeUnavailableException("secrets node " + node + " unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NodeUnavailableException("interrupted");
		}
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

	private <T> T read(String body, Class<T> type, String what) {
		try {
			return this.json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable " + what);
		}
	}

	private static String one(String name) {
		return SnapshotAutoPaths.CONFIGS + "/" + name;
	}

	private String errorText(int status, String body) {
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

}
