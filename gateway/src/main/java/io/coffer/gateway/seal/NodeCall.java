package io.coffer.gateway.seal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A request the gateway sends to a node itself.
 *
 * @param method HTTP method
 * @param rawPath path, still encoded
 * @param rawQuery query, still encoded, or {@code null}
 * @param headers headers to send (already filtered)
 * @param body the body bytes (may be empty)
 * @param clientAddress the client's address for its internal identity, or null
 */
public record NodeCall(HttpMethod method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body,
		String clientAddress) {

}
