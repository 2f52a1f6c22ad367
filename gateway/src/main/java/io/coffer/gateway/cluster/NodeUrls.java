package io.coffer.gateway.cluster;

import java.net.URI;

/**
 * Builds the URL of a request on a node from the node's base URL and the client's raw
 * path and query, so that encoded characters reach the node exactly as the client sent
 * them.
 */
public final class NodeUrls {

	private NodeUrls() {
	}

	public static URI resolve(URI node, String rawPath, String rawQuery) {
		String base = node.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		String query = (rawQuery != null && !rawQuery.isEmpty()) ? "?" + rawQuery : "";
		return URI.create(base + rawPath + query);
	}

}
