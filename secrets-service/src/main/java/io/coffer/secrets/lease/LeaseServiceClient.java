package io.coffer.secrets.lease;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.common.VaultHeaders;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeaseGrant;
import io.coffer.common.lease.LeasePaths;
import io.coffer.common.lease.LeaseRegistration;
import io.coffer.common.lease.MountLeasesRevocation;
import io.coffer.common.lease.TokenLeasesRevocation;
import io.coffer.support.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's calls to lease-service: each signed with the node's own identity (caller
 * {@code secrets}, audience {@value LeasePaths#AUDIENCE}), sent to the configured URLs in
 * order until one answers: a URL that does not connect, times out or answers 5xx is
 * skipped for the next (several lease-service instances share one database, so any of
 * them serves). A 4xx answer is final. Without URLs every call fails as unavailable.
 */
public class LeaseServiceClient {

	private static final Logger logger = LoggerFactory.getLogger(LeaseServiceClient.class);

	private final HttpClient http;

	private final List<String> urls;

	private final IdentitySigner signer;

	private final JsonMapper json;

	private final Duration timeout;

	private final Duration mountRevocationTimeout;

	/**
	 * @param http the client (its connect timeout applies to every URL)
	 * @param signer the node's signer, or null when no URL is configured
	 * @param settings the URLs (empty = none configured) and the per-URL answer timeout
	 * @param json the mapper of the wire records
	 */
	LeaseServiceClient(HttpClient http, IdentitySigner signer, LeaseProperties settings, JsonMapper json) {
		this.http = http;
		this.urls = settings.urls().stream().map((url) -> url.toString().replaceAll("/+$", "")).toList();
		this.signer = signer;
		this.timeout = settings.timeout();
		this.mountRevocationTimeout = settings.mountRevocationTimeout();
		this.json = json;
	}

	/** Whether any lease-service URL is configured. */
	public boolean configured() {
		return !this.urls.isEmpty();
	}

	/**
	 * Registers a lease ({@code POST /internal/leases}).
	 * @throws LeaseServiceException when no lease-service registered it
	 */
	public LeaseGrant register(LeaseRegistration registration, String requestId) {
		HttpResponse<String> response = post(LeasePaths.REGISTER, registration, requestId);
		if (response.statusCode() != 200) {
			throw refused(response, "registering lease " + registration.leaseId());
		}
		try {
			return this.json.readValue(response.body(), LeaseGrant.class);
		}
		catch (JacksonException ex) {
			throw LeaseServiceException.unavailable("lease-service answered the registration with an unreadable body");
		}
	}

	/**
	 * Asks lease-service to revoke every lease of a revoked token
	 * ({@code POST /internal/leases/revoke-token}).
	 * @throws LeaseServiceException when no lease-service took it
	 */
	public void revokeTokenLeases(TokenLeasesRevocation revocation) {
		HttpResponse<String> response = post(LeasePaths.REVOKE_TOKEN, revocation, null);
		if (response.statusCode() / 100 != 2) {
			throw refused(response, "revoking a token's leases");
		}
	}

	/**
	 * Has lease-service revoke every lease of a mount about to be disabled
	 * ({@code POST /internal/leases/revoke-mount}), waiting up to
	 * {@code coffer.lease.mount-revocation-timeout} for the end.
	 * @throws LeaseServiceException when lease-service did not revoke them all (its
	 * status and errors) or no lease-service answered
	 */
	public void revokeMountLeases(MountLeasesRevocation revocation) {
		HttpResponse<String> response = post(LeasePaths.REVOKE_MOUNT, revocation, null, this.mountRevocationTimeout);
		if (response.statusCode() / 100 != 2) {
			throw refused(response, "revoking the leases of mount " + revocation.mountPath());
		}
	}

	private HttpResponse<String> post(String path, Object body, String requestId) {
		return post(path, body, requestId, this.timeout);
	}

	private HttpResponse<String> post(String path, Object body, String requestId, Duration answerTimeout) {
		if (this.urls.isEmpty()) {
			throw LeaseServiceException.unavailable("no lease-service is configured (coffer.lease.urls)");
		}
		String payload = this.json.writeValueAsString(body);
		String failure = "";
		for (String base : this.urls) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
				.timeout(answerTimeout)
				.header("Content-Type", "application/json")
				.header(InternalIdentity.HEADER,
						this.signer.sign(LeasePaths.AUDIENCE, UUID.randomUUID().toString(), null, Map.of()))
				.POST(HttpRequest.BodyPublishers.ofString(payload));
			if (requestId != null) {
				request.header(VaultHeaders.COFFER_REQUEST_ID, requestId);
			}
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() < 500) {
					return response;
				}
				failure = base + " answered " + response.statusCode();
			}
			catch (IOException ex) {
				failure = base + " did not answer (" + ex.getClass().getSimpleName() + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw LeaseServiceException.unavailable("interrupted while calling lease-service");
			}
			logger.warn("lease-service call {} failed: {}", path, failure);
		}
		throw LeaseServiceException.unavailable("lease-service unavailable: " + failure);
	}

	private LeaseServiceException refused(HttpResponse<String> response, String what) {
		List<String> errors = errors(response.body());
		return new LeaseServiceException(response.statusCode(), errors,
				"lease-service answered " + response.statusCode() + " " + what);
	}

	@SuppressWarnings("unchecked")
	private List<String> errors(String body) {
		try {
			Object errors = (body == null || body.isBlank()) ? null
					: this.json.readValue(body, Map.class).get("errors");
			if (errors instanceof List<?> list) {
				return list.stream().map(String::valueOf).toList();
			}
		}
		catch (JacksonException ex) {
			// not Vault's envelope: no messages to pass on
		}
		return List.of();
	}

}
