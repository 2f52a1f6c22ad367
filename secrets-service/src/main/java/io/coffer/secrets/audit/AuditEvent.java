package io.coffer.secrets.audit;

import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.TokenEntry;

/**
 * What the audit entries of one request say, before any device's hashing: the request as
 * the node received it, who made it, and (for the response entry) what the client got or
 * the error it got. Built by the pipeline's audit steps; its values are unhashed, so it
 * is never logged.
 *
 * @param requestId the request's id
 * @param operation Vault's operation name ({@code read}, {@code update}, …)
 * @param path the full request path below {@code /v1/}
 * @param data the request data (body and query parameters), unhashed
 * @param clientToken the token as presented, or null
 * @param token the token's entry when it was resolved, else null (a bad token, a login)
 * @param remoteAddress the client's address as the gateway names it, or null
 * @param mount the mount the path routed to, or null when routing did not happen
 * @param wrapTtlSeconds the requested {@code X-Vault-Wrap-TTL} in seconds, or 0
 * @param response what the client received, or null (request entries, failures)
 * @param error the error the client received, or null
 */
public record AuditEvent(String requestId, String operation, String path, Map<String, Object> data, String clientToken,
		TokenEntry token, String remoteAddress, MountEntry mount, long wrapTtlSeconds, AuditedResponse response,
		String error) {

	public AuditEvent {
		data = (data != null) ? data : Map.of();
	}

	/** This event with the client's response, for the response entry. */
	public AuditEvent withResponse(AuditedResponse response) {
		return new AuditEvent(this.requestId, this.operation, this.path, this.data, this.clientToken, this.token,
				this.remoteAddress, this.mount, this.wrapTtlSeconds, response, this.error);
	}

	/** This event with the error the client gets. */
	public AuditEvent withError(String error) {
		return new AuditEvent(this.requestId, this.operation, this.path, this.data, this.clientToken, this.token,
				this.remoteAddress, this.mount, this.wrapTtlSeconds, this.response, error);
	}

	@Override
	public String toString() {
		return "AuditEvent[" + this.operation + " " + this.path + ", requestId=" + this.requestId + "]";
	}

}
