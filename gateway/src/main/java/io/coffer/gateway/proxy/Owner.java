package io.coffer.gateway.proxy;

import java.net.URI;
import java.util.List;

import io.coffer.gateway.config.RetryPolicy;

/**
 * A service that owns Vault paths, as the gateway routes to it.
 *
 * @param name the service's name ({@code secrets}, {@code lease}, …); the audience of the
 * identity it is sent is {@code coffer-<name>}
 * @param prefixes the path prefixes it owns, normalized (no leading or trailing slash)
 * @param urls its base URLs in preference order (the secrets nodes for {@code secrets})
 * @param retry what may be sent again, and where
 */
public record Owner(String name, List<String> prefixes, List<URI> urls, RetryPolicy retry) {

	/** The secrets nodes' name: the owner of every path no other service claims. */
	public static final String SECRETS = "secrets";

	public Owner {
		prefixes = List.copyOf(prefixes);
		urls = List.copyOf(urls);
	}

	public boolean isSecrets() {
		return SECRETS.equals(this.name);
	}

	/** Whether requests can be sent to it (a base URL is configured). */
	public boolean isDeployed() {
		return !this.urls.isEmpty();
	}

}
