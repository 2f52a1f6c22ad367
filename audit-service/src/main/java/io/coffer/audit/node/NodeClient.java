package io.coffer.audit.node;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.AuditDeviceEnable;
import io.coffer.common.audit.AuditHash;
import io.coffer.common.audit.AuditHashRequest;
import io.coffer.common.audit.AuditPaths;
import io.coffer.common.audit.ChainReport;
import io.coffer.common.audit.JournalAck;
import io.coffer.common.audit.JournalClaim;
import io.coffer.common.audit.JournalPage;
import io.coffer.common.audit.JournalState;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriUtils;

/**
 * Calls the secrets nodes' audit endpoints ({@link AuditPaths}), signed with
 * audit-service's own identity (caller {@code audit}, audience {@code coffer-secrets}).
 * The device table and {@code audit-hash} go to the active node: it starts with the node
 * that answered last, and a node that is unreachable or answers 503 (standby, sealed) is
 * skipped for the next. The journal calls go to one given node (any state).
 */
public class NodeClient {

	private static final Logger log = LoggerFactory.getLogger(NodeClient.class);

	private final List<URI> nodes;

	private final HttpClient http;

	private final IdentitySigner signer;

	private final JsonMapper json;

	private final Duration timeout;

	private final AtomicInteger lastGood = new AtomicInteger();

	public NodeClient(List<URI> nodes, HttpClient http, IdentitySigner signer, JsonMapper json, Duration timeout) {
		this.nodes = List.copyOf(nodes);
		this.http = http;
		this.signer = signer;
		this.json = json;
		this.timeout = timeout;
	}

	/** The nodes of {@code coffer.audit.nodes}. */
	public List<URI> nodes() {
		return this.nodes;
	}

	/** The active node's enabled devices. */
	public List<AuditDevice> devices() {
		String body = active("GET", AuditPaths.DEVICES, null);
		try {
			JsonNode tree = this.json.readTree(body);
			JsonNode list = tree.isArray() ? tree : tree.path("devices");
			return Arrays.asList(this.json.treeToValue(list, AuditDevice[].class));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable device table");
		}
	}

	/** Enables a device on the active node (400 from the node: path in use). */
	public void enable(String path, AuditDeviceEnable device) {
		active("PUT", AuditPaths.DEVICES + "/" + encodePath(path), this.json.writeValueAsString(device));
	}

	/** Disables a device on the active node (unknown: nothing to do). */
	public void disable(String path) {
		active("DELETE", AuditPaths.DEVICES + "/" + encodePath(path), null);
	}

	/**
	 * {@code sys/audit-hash}: the input HMAC'd with the device's salt, on the active
	 * node.
	 */
	public AuditHash hash(String path, AuditHashRequest request) {
		String body = active("POST", AuditPaths.HASH + "/" + encodePath(path), this.json.writeValueAsString(request));
		return read(body, AuditHash.class, "hash");
	}

	/** Asks for (or renews) a node's journal claim; the answer says who holds it. */
	public JournalClaim claim(URI node, JournalClaim claim) {
		String body = call(node, "POST", AuditPaths.JOURNAL_CLAIM, this.json.writeValueAsString(claim), this.timeout);
		return read(body, JournalClaim.class, "claim");
	}

	/** A node's journal at a glance. */
	public JournalState state(URI node) {
		return read(call(node, "GET", AuditPaths.JOURNAL_STATE, null, this.timeout), JournalState.class, "state");
	}

	/** A device's lines after {@code after}, long-polled up to {@code wait}. */
	public JournalPage lines(URI node, String device, long after, int limit, Duration wait) {
		String query = "?device=" + URLEncoder.encode(device, StandardCharsets.UTF_8) + "&after=" + after + "&limit="
				+ limit + "&wait=" + wait.toMillis();
		String body = call(node, "GET", AuditPaths.JOURNAL_LINES + query, null, this.timeout.plus(wait));
		return read(body, JournalPage.class, "page");
	}

	/**
	 * Acks a device's lines up to a position (409: not the holder, or another journal).
	 */
	public void ack(URI node, JournalAck ack) {
		call(node, "POST", AuditPaths.JOURNAL_ACK, this.json.writeValueAsString(ack), this.timeout);
	}

	/** Checks a node's journal hash chain (may take a while on a big journal). */
	public ChainReport verify(URI node, Duration timeout) {
		return read(call(node, "GET", AuditPaths.JOURNAL_VERIFY, null, timeout), ChainReport.class, "chain report");
	}

	private String active(String method, String path, String body) {
		if (this.nodes.isEmpty()) {
			throw new NodeUnavailableException("no secrets node configured (coffer.audit.nodes)");
		}
		int start = this.lastGood.get();
		String last = "no active node reachable";
		for (int i = 0; i < this.nodes.size(); i++) {
			int index = (start + i) % this.nodes.size();
			URI node = this.nodes.get(index);
			HttpResponse<String> response;
			try {
				response = send(node, method, path, body, this.timeout);
			}
			catch (NodeUnavailableException ex) {
				last = ex.getMessage();
				continue;
			}
			if (response.statusCode() == 503) {
				last = "secrets node " + node + " is not active";
				continue;
			}
			this.lastGood.set(index);
			if (response.statusCode() / 100 == 2) {
				return response.body();
			}
			throw new NodeRefusedException(response.statusCode(), errorText(response));
		}
		throw new NodeUnavailableException(last);
	}

	private String call(URI node, String method, String path, String body, Duration timeout) {
		HttpResponse<String> response = send(node, method, path, body, timeout);
		if (response.statusCode() / 100 == 2) {
			return response.body();
		}
		throw new NodeRefusedException(response.statusCode(), errorText(response));
	}

	private HttpResponse<String> send(URI node, String method, String path, String body, Duration timeout) {
		String identity = this.signer.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path))
			.timeout(timeout)
			.header(InternalIdentity.HEADER, identity)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

	private <T> T read(String body, Class<T> type, String what) {
		try {
			return this.json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable " + what);
		}
	}

	/** A device path as a URL path: each segment encoded, the trailing slash kept. */
	private static String encodePath(String path) {
		List<String> segments = Arrays.stream(path.split("/", -1))
			.map((segment) -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
			.toList();
		return String.join("/", segments);
	}

	private String errorText(HttpResponse<String> response) {
		try {
			JsonNode errors = this.json.readTree(response.body()).path("errors");
			if (errors.isArray() && !errors.isEmpty()) {
				StringBuilder text = new StringBuilder();
				errors.forEach((error) -> text.append((text.length() > 0) ? "; " : "").append(error.asString()));
				return text.toString();
			}
		}
		catch (JacksonException ex) {
			// not Vault's envelope: the status says it all
		}
		return "the node answered " + response.statusCode();
	}

}
