package io.coffer.secrets.mount;

import io.coffer.secrets.kernel.VaultException;

/** Normalizes and checks mount paths. */
public final class MountPaths {

	private MountPaths() {
	}

	/** {@code "/secret"} or {@code "secret/"} → {@code "secret/"}. */
	public static String normalize(String path) {
		String trimmed = (path == null) ? "" : path.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.isEmpty() || trimmed.contains("//") || trimmed.contains("..")
				|| !trimmed.matches("[A-Za-z0-9_.,\\-/@+=]+")) {
			throw VaultException.badRequest("invalid mount path");
		}
		return trimmed + "/";
	}

}
