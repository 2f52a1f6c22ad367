package io.coffer.audit.api;

import io.coffer.support.error.VaultErrorException;

/** Vault's device path rules: no leading slash, one trailing slash ({@code file/}). */
final class DevicePaths {

	private DevicePaths() {
	}

	/** The path normalised, or 400 when empty. */
	static String normalize(String path) {
		String normalized = path;
		while (normalized.startsWith("/")) {
			normalized = normalized.substring(1);
		}
		if (normalized.isEmpty() || "/".equals(normalized)) {
			throw new VaultErrorException(400, "missing audit path");
		}
		return normalized.endsWith("/") ? normalized : normalized + "/";
	}

	/** Vault's conflict rule: one path is a prefix of the other. */
	static boolean conflict(String a, String b) {
		return a.startsWith(b) || b.startsWith(a);
	}

}
