package io.coffer.secrets.policy;

import java.util.List;
import java.util.Set;

/**
 * The {@code sys/} paths Vault protects with {@code sudo} on top of the operation's own
 * capability (vault-api.md §0). {@code sys/policy*} and {@code sys/policies/*} are not
 * among them.
 */
final class SudoPaths {

	private static final Set<String> EXACT = Set.of("sys/remount", "sys/audit", "sys/config/cors", "sys/seal",
			"sys/step-down");

	private static final List<String> PREFIXES = List.of("sys/auth/", "sys/audit/", "sys/raw", "sys/rotate",
			"sys/config/auditing/", "sys/revoke-prefix/", "sys/revoke-force/", "sys/leases/revoke-prefix/",
			"sys/leases/revoke-force/", "sys/leases/lookup/");

	private SudoPaths() {
	}

	/**
	 * @param path the full request path without leading slash, e.g. {@code sys/auth/x}
	 */
	static boolean requiresSudo(String path) {
		String normalized = path.startsWith("/") ? path.substring(1) : path;
		if (EXACT.contains(normalized)) {
			return true;
		}
		for (String prefix : PREFIXES) {
			if (normalized.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
