package io.coffer.secrets.auth.kubernetes;

import java.util.List;

/**
 * Vault's {@code strutil.StrListContainsGlob}: a pattern of two characters or more may
 * start and/or end with {@code *} (suffix, prefix or substring match); anything else must
 * match exactly.
 */
final class Globs {

	private Globs() {
	}

	static boolean anyMatches(List<String> patterns, String value) {
		return patterns.stream().anyMatch((pattern) -> matches(pattern, value));
	}

	static boolean matches(String pattern, String value) {
		if (pattern.length() < 2) {
			return pattern.equals(value);
		}
		boolean leading = pattern.startsWith("*");
		boolean trailing = pattern.endsWith("*");
		if (leading && trailing) {
			return value.contains(pattern.substring(1, pattern.length() - 1));
		}
		if (leading) {
			return value.endsWith(pattern.substring(1));
		}
		if (trailing) {
			return value.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(value);
	}

}
