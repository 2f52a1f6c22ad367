package io.coffer.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.gateway.config.RetryPolicy;
import io.coffer.gateway.config.RouteTableProperties;

/**
 * Which service owns a Vault path: path prefix → owner → retry policy. Lookup is by the
 * longest prefix on whole path segments, one map probe per segment of the path (never a
 * scan of the table). Every path no other owner claims belongs to {@code secrets}.
 * <p>
 * Built in: {@code sys/leases}, {@code sys/renew}, {@code sys/revoke},
 * {@code sys/revoke-prefix}, {@code sys/revoke-force} and {@code sys/quotas/lease-count}
 * belong to {@code lease} ({@code sys/quotas/rate-limit} and {@code sys/quotas/config}
 * stay with the secrets nodes, which enforce rate limits); {@code sys/audit},
 * {@code sys/audit-hash}, {@code sys/audit-stream} and {@code sys/audit-verify} to
 * {@code audit}; {@code sys/storage/raft/snapshot-auto} to {@code snapshot}. An owner
 * without a base URL is not deployed: its paths go to the secrets nodes exactly as before
 * it existed.
 */
public final class RouteTable {

	/** The paths reserved for the services that are about to join, by owner. */
	static final Map<String, List<String>> RESERVED = reserved();

	private final Owner secrets;

	private final Map<String, Owner> byPrefix;

	private final List<Owner> owners;

	private RouteTable(Owner secrets, List<Owner> others) {
		this.secrets = secrets;
		this.owners = new ArrayList<>();
		this.owners.add(secrets);
		this.owners.addAll(others);
		this.byPrefix = new HashMap<>();
		for (Owner owner : this.owners) {
			for (String prefix : owner.prefixes()) {
				Owner previous = this.byPrefix.putIfAbsent(prefix, owner);
				if (previous != null && previous != owner) {
					throw new IllegalArgumentException("coffer.gateway.routes: prefix '" + prefix
							+ "' is claimed by both " + previous.name() + " and " + owner.name());
				}
			}
		}
	}

	/**
	 * The built-in table with the configured changes.
	 * @param nodes the secrets nodes ({@code coffer.gateway.nodes})
	 */
	public static RouteTable of(List<URI> nodes, RouteTableProperties properties) {
		Map<String, RouteTableProperties.Owner> configured = properties.owners();
		RouteTableProperties.Owner secretsSettings = configured.get(Owner.SECRETS);
		if (secretsSettings != null && secretsSettings.retry() != null
				&& secretsSettings.retry() != RetryPolicy.FAILOVER) {
			throw new IllegalArgumentException("coffer.gateway.routes.owners.secrets.retry can only be failover");
		}
		List<String> secretsPrefixes = new ArrayList<>(List.of(""));
		if (secretsSettings != null && secretsSettings.prefixes() != null) {
			secretsPrefixes.addAll(normalized(Owner.SECRETS, secretsSettings.prefixes()));
		}
		Owner secrets = new Owner(Owner.SECRETS, secretsPrefixes, nodes, RetryPolicy.FAILOVER);
		Map<String, Owner> others = new LinkedHashMap<>();
		RESERVED.forEach((name, prefixes) -> others.put(name,
				new Owner(name, prefixes, List.of(), RetryPolicy.CONNECT_FAILURES)));
		configured.forEach((name, settings) -> {
			if (name.equals(Owner.SECRETS)) {
				return;
			}
			Owner builtIn = others.get(name);
			List<String> prefixes = (settings.prefixes() != null) ? normalized(name, settings.prefixes())
					: (builtIn != null) ? builtIn.prefixes() : List.of();
			RetryPolicy retry = (settings.retry() != null) ? settings.retry() : RetryPolicy.CONNECT_FAILURES;
			if (retry == RetryPolicy.FAILOVER) {
				throw new IllegalArgumentException("coffer.gateway.routes.owners." + name
						+ ".retry: failover is the secrets nodes' policy; use connect-failures or none");
			}
			others.put(name, new Owner(name, prefixes, settings.urls(), retry));
		});
		return new RouteTable(secrets, List.copyOf(others.values()));
	}

	/**
	 * The owner of {@code path} by the table, deployed or not.
	 * @param path the decoded path below {@code /v1/}, e.g. {@code sys/leases/lookup}
	 */
	public Owner ownerOf(String path) {
		String candidate = trimSlashes(path);
		while (true) {
			Owner owner = this.byPrefix.get(candidate);
			if (owner != null) {
				return owner;
			}
			int cut = candidate.lastIndexOf('/');
			if (cut < 0) {
				return this.byPrefix.getOrDefault("", this.secrets);
			}
			candidate = candidate.substring(0, cut);
		}
	}

	/**
	 * The owner that serves {@code path} now: its owner by the table, or {@code secrets}
	 * while that owner has no base URL.
	 */
	public Owner routeFor(String path) {
		Owner owner = ownerOf(path);
		return owner.isDeployed() ? owner : this.secrets;
	}

	/** Every owner, {@code secrets} first. */
	public List<Owner> owners() {
		return List.copyOf(this.owners);
	}

	private static List<String> normalized(String owner, List<String> prefixes) {
		List<String> out = new ArrayList<>();
		for (String prefix : prefixes) {
			String trimmed = trimSlashes(prefix.trim());
			if (trimmed.isEmpty()) {
				throw new IllegalArgumentException(
						"coffer.gateway.routes.owners." + owner + ".prefixes: an empty prefix would claim every path");
			}
			out.add(trimmed);
		}
		return out;
	}

	private static String trimSlashes(String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(start, end);
	}

	private static Map<String, List<String>> reserved() {
		Map<String, List<String>> reserved = new LinkedHashMap<>();
		reserved.put("lease", List.of("sys/leases", "sys/renew", "sys/revoke", "sys/revoke-prefix", "sys/revoke-force",
				"sys/quotas/lease-count"));
		reserved.put("audit", List.of("sys/audit", "sys/audit-hash", "sys/audit-stream", "sys/audit-verify"));
		reserved.put("snapshot", List.of("sys/storage/raft/snapshot-auto"));
		return Collections.unmodifiableMap(reserved);
	}

}
