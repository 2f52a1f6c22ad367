package io.coffer.secrets.engine.database;

/** Vault's {@code strutil.GlobbedStringsMatch}: {@code *} at either end of a pattern. */
final class Globs {

	private Globs() {
	}

	static boolean matches(String pattern, String value) {
		if (pattern.equals("*")) {
			return true;
		}
		boolean prefix = pattern.startsWith("*");
		boolean suffix = pattern.endsWith("*") && pattern.length() > 1;
		String core = pattern.substring(prefix ? 1 : 0, pattern.length() - (suffix ? 1 : 0));
		if (prefix && suffix) {
			return value.contains(core);
		}
		if (prefix) {
			return value.endsWith(core);
		}
		if (suffix) {
			return value.startsWith(core);
		}
		return value.equals(core);
	}

}
