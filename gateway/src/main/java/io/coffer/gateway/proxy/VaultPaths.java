package io.coffer.gateway.proxy;

import java.nio.charset.StandardCharsets;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriUtils;

/**
 * The Vault path of a request: below {@code /v1/}, percent-decoded, as the nodes' ACL
 * sees it.
 */
final class VaultPaths {

	private static final String PREFIX = "/v1/";

	private VaultPaths() {
	}

	static String of(ServerHttpRequest request) {
		String raw = request.getURI().getRawPath();
		String below = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw;
		return UriUtils.decode(below, StandardCharsets.UTF_8);
	}

}
