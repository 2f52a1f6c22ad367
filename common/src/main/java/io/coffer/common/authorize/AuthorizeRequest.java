package io.coffer.common.authorize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway asks the active secrets node ({@code POST /internal/authorize}) before
 * it forwards a request to a service other than the secrets nodes (lease, audit,
 * snapshot). The client's address travels in the signed internal identity of the call, as
 * for every node call, never in this body.
 *
 * @param token the client's Vault token (may be null: the decision is then a denial)
 * @param path the request path below {@code /v1/}, decoded, e.g.
 * {@code sys/leases/lookup}
 * @param operation Vault's operation name: {@code read}, {@code list}, {@code update},
 * {@code delete}, {@code patch} (the existence check does not apply: a write is an
 * update)
 * @param data the request's parameters (JSON body object, or query parameters of a read),
 * checked against a policy's parameter constraints; may be empty
 */
public record AuthorizeRequest(String token, String path, String operation, Map<String, Object> data) {

	/** The internal path of the endpoint on the secrets nodes. */
	public static final String PATH = "/internal/authorize";

	public AuthorizeRequest {
		// A copy that keeps JSON nulls (Map.copyOf would refuse them).
		data = (data != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(data)) : Map.of();
	}

	@Override
	public String toString() {
		return "AuthorizeRequest[token=<redacted>, path=" + this.path + ", operation=" + this.operation + "]";
	}

}
