package io.coffer.audit.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one device's lines of one journal as they are delivered: each line's
 * {@code coffer_chain.prev} must be {@code sha256:} of the line before it (the first line
 * of a journal: empty). A mismatch is counted, never skipped: the line is delivered all
 * the same (verification reports where).
 */
final class ChainCheck {

	private static final Pattern PREV = Pattern
		.compile("\"coffer_chain\":\\{\"journal\":\"[^\"]*\",\"seq\":(\\d+),\"prev\":\"([^\"]*)\"\\}");

	private String previousHash;

	/** Forget the previous line (delivery restarts from a cursor). */
	void reset() {
		this.previousHash = null;
	}

	/** Checks a line against the one before it; false on a break. */
	boolean accept(String line) {
		Matcher matcher = PREV.matcher(line);
		boolean ok = true;
		if (matcher.find()) {
			String prev = matcher.group(2);
			if (this.previousHash != null) {
				ok = prev.equals("sha256:" + this.previousHash);
			}
			this.previousHash = sha256(line);
		}
		else {
			this.previousHash = null;
		}
		return ok;
	}

	static String sha256(String line) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
