package io.coffer.secrets.engine.cubbyhole;

import io.coffer.secrets.kernel.VaultException;

/**
 * Which cubbyhole paths may become storage keys. Segments that storage would normalise
 * ({@code ""}, {@code .}, {@code ..}) are refused rather than escaped: they could
 * otherwise step out of the token's folder.
 */
final class CubbyholePaths {

	private CubbyholePaths() {
	}

	/**
	 * @param path a path relative to the token's folder; a folder ends in {@code /}
	 * @throws VaultException 400 for an empty, {@code .} or {@code ..} segment
	 */
	static String checked(String path) {
		if (path.isEmpty()) {
			return path;
		}
		String body = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		for (String segment : body.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw VaultException.badRequest("invalid path");
			}
		}
		return path;
	}

}
