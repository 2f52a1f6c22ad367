package io.coffer.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.gateway.routes}: which service owns which Vault paths, and
 * the allow-cache for requests forwarded to services other than the secrets nodes. The
 * built-in table (see {@code RouteTable}) reserves the lease, audit and snapshot
 * services' paths; an entry here adds a service or overrides a built-in one field by
 * field (a field left out keeps the built-in value).
 *
 * @param owners by service name ({@code secrets}, {@code lease}, {@code audit},
 * {@code snapshot} or a new one)
 * @param allowCacheTtl how long an allow decision of the active node may be reused for
 * the same token, path, operation, client address and parameters; zero turns the cache
 * off
 * @param allowCacheSize most decisions remembered
 */
@ConfigurationProperties("coffer.gateway.routes")
public record RouteTableProperties(Map<String, Owner> owners, @DefaultValue("5s") Duration allowCacheTtl,
		@DefaultValue("10000") int allowCacheSize) {

	public RouteTableProperties {
		owners = (owners != null) ? new LinkedHashMap<>(owners) : Map.of();
		if (allowCacheTtl.isNegative()) {
			throw new IllegalArgumentException("coffer.gateway.routes.allow-cache-ttl cannot be negative");
		}
		if (allowCacheSize < 0) {
			throw new IllegalArgumentException("coffer.gateway.routes.allow-cache-size cannot be negative");
		}
	}

	/**
	 * One owning service.
	 *
	 * @param prefixes Vault path prefixes below {@code /v1/} it owns, matched on whole
	 * segments ({@code sys/audit} owns {@code sys/audit} and {@code sys/audit/file}, not
	 * {@code sys/auditx}); null keeps the built-in ones
	 * @param urls its base URLs, in preference order; while empty its paths go to the
	 * secrets nodes exactly as before it existed. Ignored for {@code secrets}, whose
	 * nodes are {@code coffer.gateway.nodes}
	 * @param retry what may be sent again; null keeps the built-in policy
	 */
	public record Owner(List<String> prefixes, List<URI> urls, RetryPolicy retry) {

		public Owner {
			prefixes = (prefixes != null) ? List.copyOf(prefixes) : null;
			urls = (urls != null) ? List.copyOf(urls) : List.of();
		}

	}

}
