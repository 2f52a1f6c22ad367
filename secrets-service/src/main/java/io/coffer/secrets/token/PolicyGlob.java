package io.coffer.secrets.token;

import java.util.List;

/**
 * The glob of token roles' {@code allowed_policies_glob} and
 * {@code disallowed_policies_glob}, as Vault matches them
 * ({@code strutil.StrListContainsGlob}, i.e. {@code ryanuber/go-glob}): {@code *} stands
 * for any run of characters, anywhere and any number of times; there is no other special
 * character. {@code *} alone matches every name.
 */
final class PolicyGlob {

	private static final String GLOB = "*";

	private PolicyGlob() {
	}

	static boolean anyMatches(List<String> patterns, String name) {
		return patterns.stream().anyMatch((pattern) -> matches(pattern, name));
	}

	static boolean matches(String pattern, String subject) {
		if (pattern.isEmpty()) {
			return subject.isEmpty();
		}
		if (pattern.equals(GLOB)) {
			return true;
		}
		String[] parts = pattern.split("\\*", -1);
		if (parts.length == 1) {
			return subject.equals(pattern);
		}
		boolean leadingGlob = pattern.startsWith(GLOB);
		boolean trailingGlob = pattern.endsWith(GLOB);
		int end = parts.length - 1;
		String rest = subject;
		for (int i = 0; i < end; i++) {
			int index = rest.indexOf(parts[i]);
			if (i == 0 ? (!leadingGlob && index != 0) : index < 0) {
				return false;
			}
			rest = rest.substring(index + parts[i].length());
		}
		return trailingGlob || rest.endsWith(parts[end]);
	}

}
