package io.coffer.secrets.auth.kubernetes;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code kubernetes_host} as a base URL: a URL as given, or a bare host or
 * {@code host:port} taken as HTTPS (the API server serves nothing else).
 */
final class HostUrl {

	private HostUrl() {
	}

	/**
	 * @throws IllegalArgumentException when the host is no usable HTTP(S) URL
	 */
	static URI of(String host) {
		String url = host.contains("://") ? host : "https://" + host;
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		try {
			URI uri = new URI(url);
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw new IllegalArgumentException("invalid kubernetes_host: must be an http(s) URL or host[:port]");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("invalid kubernetes_host: must be an http(s) URL or host[:port]");
		}
	}

	/** The TokenReview endpoint below the API server's base URL. */
	static URI tokenReviews(String host) {
		return URI.create(of(host) + "/apis/authentication.k8s.io/v1/tokenreviews");
	}

	/** A namespace's resource; {@code name} must be a valid namespace name. */
	static URI namespace(String host, String name) {
		return URI.create(of(host) + "/api/v1/namespaces/" + name);
	}

}
