package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * The key-less helpers: {@code hash(/:algorithm)} and
 * {@code random(/:source)(/:bytes)(/:format)}.
 */
final class HashRandomPaths {

	/** Vault's cap on one {@code random} request. */
	static final int MAX_RANDOM_BYTES = 128 * 1024;

	private static final int DEFAULT_RANDOM_BYTES = 32;

	private final SecureRandom random;

	HashRandomPaths(SecureRandom random) {
		this.random = random;
	}

	LogicalResponse hash(LogicalRequest request, String urlAlgorithm) {
		Map<String, Object> data = request.data();
		String format = format(data, "", "hex");
		String name = urlAlgorithm.isEmpty() ? TransitFields.string(data, "algorithm") : urlAlgorithm;
		String requested = name.isEmpty() ? HashAlgorithm.SHA2_256.vaultName() : name;
		HashAlgorithm algorithm = HashAlgorithm.fromVaultName(requested)
			.filter(HashAlgorithm::isSha2OrSha3)
			.orElseThrow(
					() -> VaultException.badRequest("unsupported algorithm " + TransitFields.abbreviate(requested)));
		byte[] sum = algorithm.digest(TransitFields.base64(TransitFields.string(data, "input"), "input"));
		return LogicalResponse.data(Map.of("sum", encode(sum, format)));
	}

	/**
	 * @param segments the path segments after {@code random}, in any order as Vault's
	 */
	LogicalResponse random(LogicalRequest request, List<String> segments) {
		Map<String, Object> data = request.data();
		String urlBytes = "";
		String urlFormat = "";
		for (String segment : segments) {
			if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
				urlBytes = segment;
			}
			else if (segment.equals("hex") || segment.equals("base64")) {
				urlFormat = segment;
			}
			else if (!segment.equals("platform") && !segment.equals("all")) {
				throw VaultException.badRequest("unsupported random source or format \""
						+ TransitFields.abbreviate(segment) + "\"; only the platform source is available");
			}
		}
		int bytes = urlBytes.isEmpty() ? TransitFields.integer(data, "bytes", DEFAULT_RANDOM_BYTES)
				: TransitFields.integer(Map.of("bytes", urlBytes), "bytes", DEFAULT_RANDOM_BYTES);
		if (bytes < 1) {
			throw VaultException.badRequest("\"bytes\" cannot be less than 1");
		}
		if (bytes > MAX_RANDOM_BYTES) {
			throw VaultException.badRequest("\"bytes\" should be less than " + MAX_RANDOM_BYTES);
		}
		String format = format(data, urlFormat, "base64");
		byte[] out = new byte[bytes];
		this.random.nextBytes(out);
		return LogicalResponse.data(Map.of("random_bytes", encode(out, format)));
	}

	private static String format(Map<String, Object> data, String urlFormat, String fallback) {
		String format = urlFormat.isEmpty() ? TransitFields.string(data, "format") : urlFormat;
		if (format.isEmpty()) {
			return fallback;
		}
		if (!format.equals("hex") && !format.equals("base64")) {
			throw VaultException.badRequest("unsupported encoding format \"" + TransitFields.abbreviate(format)
					+ "\"; must be \"hex\" or \"base64\"");
		}
		return format;
	}

	private static String encode(byte[] bytes, String format) {
		return format.equals("hex") ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes);
	}

}
