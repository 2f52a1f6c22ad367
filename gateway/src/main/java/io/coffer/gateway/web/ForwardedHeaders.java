package io.coffer.gateway.web;

import java.util.Locale;
import java.util.Set;

import io.coffer.common.VaultHeaders;
import io.coffer.common.authorize.AclEpoch;
import io.coffer.common.identity.InternalIdentity;

import org.springframework.http.HttpHeaders;

/**
 * Header copies between a client and a node for the requests the gateway sends itself
 * (the seal fan-out). Hop-by-hop and framing headers belong to one connection and are
 * never copied.
 */
public final class ForwardedHeaders {

	private static final Set<String> CONNECTION_SCOPED = Set.of("connection", "keep-alive", "transfer-encoding", "te",
			"trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "host", "content-length");

	private ForwardedHeaders() {
	}

	/**
	 * Client headers to send to a node, with the gateway's request id. A client's
	 * internal identity header is dropped here; the gateway signs its own per call.
	 */
	public static HttpHeaders toNode(HttpHeaders client, String requestId) {
		HttpHeaders headers = copyWithout(client, Set.of(InternalIdentity.HEADER.toLowerCase(Locale.ROOT)));
		headers.set(VaultHeaders.COFFER_REQUEST_ID, requestId);
		return headers;
	}

	/**
	 * Node headers to return to the client; the not-executed mark and the ACL epoch never
	 * leave.
	 */
	public static HttpHeaders toClient(HttpHeaders node) {
		return copyWithout(node, Set.of(VaultHeaders.COFFER_NOT_EXECUTED.toLowerCase(Locale.ROOT),
				AclEpoch.HEADER.toLowerCase(Locale.ROOT)));
	}

	private static HttpHeaders copyWithout(HttpHeaders source, Set<String> extra) {
		HttpHeaders copy = new HttpHeaders();
		source.forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (!CONNECTION_SCOPED.contains(key) && !extra.contains(key)) {
				copy.addAll(name, values);
			}
		});
		return copy;
	}

}
