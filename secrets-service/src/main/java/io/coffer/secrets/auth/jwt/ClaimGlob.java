package io.coffer.secrets.auth.jwt;

/**
 * The glob of {@code bound_claims_type: glob}, as Vault matches it
 * ({@code ryanuber/go-glob}): {@code *} stands for any run of characters, anywhere and
 * any number of times; there is no other special character.
 */
final class ClaimGlob {

	private static final String GLOB = "*";

	private ClaimGlob() {
	}

	static boolean matches(String pattern, String subject) {
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
