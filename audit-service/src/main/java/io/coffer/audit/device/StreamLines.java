package io.coffer.audit.device;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How stream sinks (file, socket) frame lines: the device's {@code prefix}, the line, a
 * newline.
 */
public final class StreamLines {

	private StreamLines() {
	}

	/** One line framed. */
	public static byte[] encode(String prefix, DeliveredLine line) {
		return (prefix + line.line() + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/** A batch framed, in order. */
	public static byte[] encode(String prefix, List<DeliveredLine> lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (DeliveredLine line : lines) {
			out.writeBytes(encode(prefix, line));
		}
		return out.toByteArray();
	}

}
