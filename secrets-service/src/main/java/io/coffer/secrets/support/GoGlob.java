package io.coffer.secrets.support;

import java.util.List;

/**
 * The glob Vault matches with {@code ryanuber/go-glob} (token roles'
 * {@code allowed_policies_glob}, JWT roles' {@code bound_claims_type: glob}): {@code *}
 * stands for any run of characters, anywhere and any number of times; there is no other
 * special character. {@code *} alone matches everything; an empty pattern only the empty
 * string.
 */
public final class GoGlob {

	private static final String GLOB = "*";

	private GoGlob() {
	}

	public static boolean anyMatches(List<String> patterns, String subject) {
		return patterns.stream().anyMatch((pattern) -> matches(pattern, subject));
	}

	public static boolean matches(String pattern, String subject) {
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
