package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.codahale.shamir.Scheme;

/**
 * Splits the unseal key into shares and joins them again (Shamir over GF(256),
 * com.codahale:shamir). A share's wire form is Vault's: the share bytes followed by one
 * byte of its x coordinate. With a single share the share is the key itself, as in Vault.
 */
final class ShamirKeys {

	private ShamirKeys() {
	}

	static List<byte[]> split(byte[] key, int shares, int threshold, SecureRandom random) {
		if (shares == 1) {
			return List.of(key.clone());
		}
		Map<Integer, byte[]> parts = new Scheme(random, shares, threshold).split(key);
		return parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).map((part) -> {
			byte[] share = Arrays.copyOf(part.getValue(), part.getValue().length + 1);
			share[share.length - 1] = (byte) part.getKey().intValue();
			return share;
		}).toList();
	}

	static byte[] combine(List<byte[]> shares, int totalShares, int threshold) {
		if (totalShares == 1) {
			return shares.get(0).clone();
		}
		Map<Integer, byte[]> parts = new HashMap<>();
		for (byte[] share : shares) {
			parts.put(share[share.length - 1] & 0xff, Arrays.copyOf(share, share.length - 1));
		}
		byte[] key = new Scheme(new SecureRandom(), totalShares, threshold).join(parts);
		parts.values().forEach((part) -> Arrays.fill(part, (byte) 0));
		return key;
	}

	/**
	 * Decodes a share given as hex or base64; empty when it is neither or has the wrong
	 * length.
	 */
	static Optional<byte[]> decode(String text, int expectedLength) {
		if (text == null) {
			return Optional.empty();
		}
		String trimmed = text.trim();
		byte[] decoded = null;
		if (trimmed.length() == expectedLength * 2 && trimmed.matches("[0-9a-fA-F]+")) {
			decoded = HexFormat.of().parseHex(trimmed);
		}
		else {
			try {
				decoded = Base64.getDecoder().decode(trimmed);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return (decoded.length == expectedLength) ? Optional.of(decoded) : Optional.empty();
	}

	static String hex(byte[] share) {
		return HexFormat.of().formatHex(share);
	}

	static String base64(byte[] share) {
		return Base64.getEncoder().encodeToString(share);
	}

}
