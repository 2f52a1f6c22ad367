package io.coffer.secrets.http;

import java.time.Duration;
import java.util.Map;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SnapshotAccess;

/**
 * A Vault API request after HTTP parsing.
 *
 * @param operation the logical operation
 * @param path the path below {@code /v1/}, with a trailing {@code /} for LIST
 * @param data body merged with query parameters where Vault does so
 * @param token the client token ({@code X-Vault-Token} or bearer), or null
 * @param requestId the request id to echo
 * @param wrapTtl the TTL of {@code X-Vault-Wrap-TTL}, or null when the response is not to
 * be wrapped
 * @param snapshot the loaded snapshot the request reads or recovers from, or null for
 * live data
 */
public record VaultHttpRequest(Operation operation, String path, Map<String, Object> data, String token,
		String requestId, Duration wrapTtl, SnapshotAccess snapshot) {

	public VaultHttpRequest(Operation operation, String path, Map<String, Object> data, String token, String requestId,
			Duration wrapTtl) {
		this(operation, path, data, token, requestId, wrapTtl, null);
	}

	@Override
	public String toString() {
		return "VaultHttpRequest[" + this.operation + " " + this.path + "]";
	}

}
