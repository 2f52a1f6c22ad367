package io.coffer.secrets.audit.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code coffer_chain} field the journal splices into each device line:
 * {@code "coffer_chain":{"journal":"<id>","seq":N,"prev":"sha256:<hex>"}} before the
 * line's final {@code }}, where {@code prev} is the SHA-256 of the same device's previous
 * line in this journal as delivered ({@code ""} for the device's first line). A reader
 * can check a device's output line by line without the journal.
 */
final class ChainField {

	static final String NAME = "\"coffer_chain\":";

	private ChainField() {
	}

	/** The line with the field added; {@code previous} is the device's last line hash. */
	static String splice(String line, String journal, long seq, String previous) {
		int close = line.lastIndexOf('}');
		if (close < 0) {
			throw new IllegalArgumentException("an audit line must be a JSON object");
		}
		String body = line.substring(0, close).stripTrailing();
		boolean empty = body.endsWith("{");
		return body + (empty ? "" : ",") + field(journal, seq, previous) + "}";
	}

	/** The field as {@link #splice} writes it. */
	static String field(String journal, long seq, String previous) {
		String prev = (previous == null || previous.isEmpty()) ? "" : "sha256:" + previous;
		return NAME + "{\"journal\":\"" + journal + "\",\"seq\":" + seq + ",\"prev\":\"" + prev + "\"}";
	}

	/** Hex SHA-256 of a line as delivered. */
	static String hash(String line) {
		return HexFormat.of().formatHex(sha256(line.getBytes(StandardCharsets.UTF_8)));
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
