package io.coffer.secrets.kernel;

import java.util.Map;

/**
 * A request as an engine sees it.
 *
 * @param operation the logical operation
 * @param path the path relative to the mount (no leading slash; a LIST path ends in
 * {@code /} or is empty)
 * @param data the request body merged with query parameters (GET/DELETE/LIST); never null
 * @param mount the mount the request was routed to
 * @param requestId the request id echoed in the response
 */
public record LogicalRequest(Operation operation, String path, Map<String, Object> data, MountEntry mount,
		String requestId) {

	public LogicalRequest {
		data = (data != null) ? data : Map.of();
	}

	/** The full Vault path, mount prefix included. */
	public String fullPath() {
		return this.mount.path() + this.path;
	}

}
