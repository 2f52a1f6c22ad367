package io.coffer.gateway.seal;

import java.net.URI;

import org.springframework.http.HttpHeaders;

/**
 * A node's complete answer to a {@link NodeCall}.
 *
 * @param node the node that answered
 * @param status HTTP status code
 * @param headers response headers
 * @param body response body bytes (may be empty)
 */
public record NodeReply(URI node, int status, HttpHeaders headers, byte[] body) {

	public boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

}
