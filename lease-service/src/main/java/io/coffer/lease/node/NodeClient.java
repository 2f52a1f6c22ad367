package io.coffer.lease.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeasePaths;
import io.coffer.common.lease.LeaseRenewal;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.common.lease.LeaseRevocation;
import io.coffer.common.lease.LeaseRevocationBatch;
import io.coffer.common.lease.LeaseRevocationResults;
import io.coffer.support.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the active secrets node ({@code POST /internal/leases/revoke} and
 * {@code /renew}), signed with lease-service's own identity (caller {@code lease},
 * audience {@code coffer-secrets}). It starts with the node that answered last; a node
 * that cannot be reached or answers 503 (a standby, sealed) is skipped for the next one.
 * One attempt over the node list per call; retries and the breaker are
 * {@link ResilientNode}'s.
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

	/**
	 * Revokes one secret.
	 * @throws NodeRefusedException the node answered an error
	 * @throws NodeUnavailableException no node could be asked
	 */
	public void revoke(LeaseRevocation revocation) {
		post(LeasePaths.NODE_REVOKE, revocation);
	}

	/**
	 * Revokes many secrets in one call ({@code POST /internal/leases/revoke-batch}).
	 * @return one outcome per revocation, in order
	 * @throws BatchUnsupportedException the node does not know the batch endpoint
	 * @throws NodeRefusedException the node answered an error for the whole batch
	 * @throws NodeUnavailableException no node could be asked
	 */
	public List<LeaseRevocationResults.Outcome> revokeAll(List<LeaseRevocation> revocations) {
		String body;
		try {
			body = post(LeasePaths.NODE_REVOKE_BATCH, new LeaseRevocationBatch(revocations));
		}
		catch (NodeRefusedException ex) {
			if (ex.status() == 404 || ex.status() == 405) {
				throw new BatchUnsupportedException("the node answered " + ex.status() + " to a batch");
			}
			throw ex;
		}
		List<LeaseRevocationResults.Outcome> outcomes;
		try {
			outcomes = this.json.readValue(body, LeaseRevocationResults.class).outcomes();
		}
		catch (JacksonException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable batch outcome");
		}
		if (outcomes.size() != revocations.size()) {
			throw new NodeRefusedException(502,
					"the node answered " + outcomes.size() + " outcomes for " + revocations.size() + " revocations");
		}
		return outcomes;
	}

	/**
	 * Renews one secret.
	 * @throws NodeRefusedException the node answered an error
	 * @throws NodeUnavailableException no node could be asked
	 */
	public LeaseRenewal renew(LeaseRenewalRequest request) {
		String body = post(LeasePaths.NODE_RENEW, request);
		try {
			return this.json.readValue(body, LeaseRenewal.class);
		}
		catch (JacksonException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable renewal");
		}
	}

	private String post(String path, Object payload) {
		if (this.nodes.isEmpty()) {
			throw new NodeUnavailableException("no secrets node configured (coffer.lease.nodes)");
		}
		String body = this.json.writeValueAsString(payload);
		int start = this.lastGood.get();
		String last = "no active node reachable";
		for (int i = 0; i < this.nodes.size(); i++) {
			int index = (start + i) % this.nodes.size();
			URI node = this.nodes.get(index);
			HttpResponse<String> response;
			try {
				response = this.http.send(request(node, path, body), HttpResponse.BodyHandlers.ofString());
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

	private HttpRequest request(URI node, String path, String body) {
		String identity = this.signer.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		return HttpRequest.newBuilder(node.resolve(path))
			.timeout(this.timeout)
			.header(InternalIdentity.HEADER, identity)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
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
