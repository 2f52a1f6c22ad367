package io.coffer.audit.verify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.coffer.common.audit.ChainReport;

/**
 * Checks the hash chain in a file device's output. Every line is a device line (Vault's
 * JSON entry, after the device's {@code prefix}) carrying
 * {@code "coffer_chain":{"journal":…,"seq":…,"prev":"sha256:<hex>"}}, where {@code prev}
 * is the SHA-256 of the previous line of the same journal as written (without prefix and
 * newline). Lines of several journals (nodes) interleave; each journal is followed on its
 * own. The first line of a journal in the file is accepted as it is (the file may start
 * mid-journal, after a rotation); every later one must match, and its {@code seq} must
 * grow. A changed, removed, inserted or reordered line breaks the chain at the next line
 * of its journal; a change to a journal's last line cannot be seen from the file alone.
 */
public final class ChainVerifier {

	private static final HexFormat HEX = HexFormat.of();

	private ChainVerifier() {
	}

	/**
	 * Checks a file.
	 * @param prefix the device's {@code prefix} (empty or null: the entry starts at each
	 * line's first <code>{</code>)
	 */
	public static ChainReport verify(Path file, String prefix) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return verify(in, prefix);
		}
	}

	/** Checks a stream of newline-separated lines (see {@link #verify(Path, String)}). */
	public static ChainReport verify(InputStream input, String prefix) throws IOException {
		byte[] prefixBytes = (prefix != null) ? prefix.getBytes(StandardCharsets.UTF_8) : new byte[0];
		Map<String, Previous> journals = new HashMap<>();
		InputStream in = new BufferedInputStream(input, 64 * 1024);
		long lineNumber = 0;
		long checked = 0;
		byte[] raw;
		while ((raw = readLine(in)) != null) {
			lineNumber++;
			if (raw.length == 0) {
				continue;
			}
			byte[] entry = stripPrefix(raw, prefixBytes);
			ChainLink link = ChainLink.parse(entry);
			if (link == null) {
				return new ChainReport(false, checked, null, null, lineNumber,
						"not an audit entry with a coffer_chain field");
			}
			Previous previous = journals.get(link.journal());
			if (previous != null) {
				if (link.seq() <= previous.seq()) {
					return new ChainReport(false, checked, link.journal(), link.seq(), lineNumber, "seq " + link.seq()
							+ " does not follow seq " + previous.seq() + " (line " + previous.line() + ")");
				}
				if (!previous.hash().equals(link.prev())) {
					return new ChainReport(false, checked, link.journal(), link.seq(), lineNumber,
							"prev does not match the hash of the journal's previous line (line " + previous.line()
									+ ", seq " + previous.seq() + "): a line was changed, removed or inserted");
				}
			}
			journals.put(link.journal(), new Previous(sha256(entry), link.seq(), lineNumber));
			checked++;
		}
		return ChainReport.intact(checked);
	}

	/**
	 * {@code sha256:} + the hex SHA-256 of a line's bytes, as the journal computes it.
	 */
	static String sha256(byte[] entry) {
		try {
			return "sha256:" + HEX.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(entry));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static byte[] stripPrefix(byte[] raw, byte[] prefix) {
		if (prefix.length > 0 && raw.length >= prefix.length
				&& Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length)) {
			return Arrays.copyOfRange(raw, prefix.length, raw.length);
		}
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] == '{') {
				return (i == 0) ? raw : Arrays.copyOfRange(raw, i, raw.length);
			}
		}
		return raw;
	}

	/** The next line without its newline, or null at the end. */
	private static byte[] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				return line.toByteArray();
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toByteArray() : null;
	}

	private record Previous(String hash, long seq, long line) {
	}

}
