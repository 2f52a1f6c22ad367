package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The journal's framing: {@code [u32 length][u32 crc32c(payload)][payload]}. A frame that
 * runs past the end of its file or whose checksum does not match was torn by a crash (at
 * the tail) or altered (anywhere else).
 */
final class Frames {

	static final int HEADER = 8;

	/**
	 * No entry is larger (Vault's request limit is 32 MiB; several devices per entry).
	 */
	static final int MAX_PAYLOAD = 256 * 1024 * 1024;

	private Frames() {
	}

	static ByteBuffer frame(byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
		frame.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
		return frame;
	}

	static int crc(byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(payload);
		return (int) crc.getValue();
	}

	/**
	 * Reads the frame at {@code position}; null when it is incomplete or its checksum
	 * does not match.
	 */
	static byte[] read(FileChannel channel, long position, long size) throws IOException {
		if (position + HEADER > size) {
			return null;
		}
		ByteBuffer header = ByteBuffer.allocate(HEADER);
		readFully(channel, header, position);
		int length = header.getInt(0);
		int crc = header.getInt(4);
		if (length <= 0 || length > MAX_PAYLOAD || position + HEADER + length > size) {
			return null;
		}
		ByteBuffer payload = ByteBuffer.allocate(length);
		readFully(channel, payload, position + HEADER);
		byte[] bytes = payload.array();
		return (crc(bytes) == crc) ? bytes : null;
	}

	static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		long at = position;
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, at);
			if (read < 0) {
				throw new IOException("unexpected end of journal segment");
			}
			at += read;
		}
	}

}
