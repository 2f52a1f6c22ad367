package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;

/**
 * A stored token. The token itself is never stored: the entry is found by an HMAC of it.
 *
 * @param accessor the token's accessor (safe to log and list)
 * @param policies attached policies
 * @param path the creation path, e.g. {@code auth/token/root}
 * @param displayName e.g. {@code root}
 * @param creationTime unix seconds
 * @param ttlSeconds 0 = never expires (root)
 * @param numUses 0 = unlimited
 * @param orphan no parent
 * @param meta free metadata
 */
public record TokenEntry(String accessor, List<String> policies, String path, String displayName, long creationTime,
		long ttlSeconds, int numUses, boolean orphan, Map<String, String> meta) {

	public TokenEntry {
		policies = List.copyOf(policies);
		meta = (meta != null) ? Map.copyOf(meta) : Map.of();
	}

	public boolean isRoot() {
		return this.policies.contains("root");
	}

}
