package io.coffer.support.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few parts of POSIX ustar a snapshot needs: regular files with short names, written
 * and read in order. Sizes of 8 GiB and more use GNU's base-256 size field, which GNU
 * tar, bsdtar and Go's archive/tar read.
 */
final class Tar {

	static final int BLOCK = 512;

	private static final long MAX_OCTAL_SIZE = 077777777777L;

	private static final int NAME = 0;

	private static final int NAME_LENGTH = 100;

	private static final int SIZE = 124;

	private static final int CHECKSUM = 148;

	private static final int TYPE = 156;

	private static final int MAGIC = 257;

	private Tar() {
	}

	static byte[] header(String name, long size, long mtimeSeconds) {
		byte[] header = new byte[BLOCK];
		byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
		if (utf8.length >= NAME_LENGTH) {
			throw new IllegalArgumentException("tar entry name too long");
		}
		System.arraycopy(utf8, 0, header, NAME, utf8.length);
		octal(header, 100, 8, 0644);
		octal(header, 108, 8, 0);
		octal(header, 116, 8, 0);
		if (size > MAX_OCTAL_SIZE) {
			header[SIZE] = (byte) 0x80;
			for (int i = 0; i < 8; i++) {
				header[SIZE + 11 - i] = (byte) (size >>> (8 * i));
			}
		}
		else {
			octal(header, SIZE, 12, size);
		}
		octal(header, 136, 12, mtimeSeconds);
		header[TYPE] = '0';
		System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, MAGIC, 6);
		header[MAGIC + 6] = '0';
		header[MAGIC + 7] = '0';
		Arrays.fill(header, CHECKSUM, CHECKSUM + 8, (byte) ' ');
		String sum = String.format("%06o", checksum(header));
		System.arraycopy(sum.getBytes(StandardCharsets.US_ASCII), 0, header, CHECKSUM, 6);
		header[CHECKSUM + 6] = 0;
		header[CHECKSUM + 7] = ' ';
		return header;
	}

	/** Zero bytes that fill the last block of an entry of {@code size} bytes. */
	static void pad(OutputStream out, long size) throws IOException {
		int rest = (int) (size % BLOCK);
		if (rest != 0) {
			out.write(new byte[BLOCK - rest]);
		}
	}

	/** The end of an archive: two zero blocks. */
	static void finish(OutputStream out) throws IOException {
		out.write(new byte[2 * BLOCK]);
	}

	/**
	 * The next entry's header, or null at the end-of-archive marker.
	 * @throws InvalidSnapshotException when the header is damaged or not a regular file
	 */
	static Entry next(InputStream in) throws IOException {
		byte[] header = in.readNBytes(BLOCK);
		if (header.length < BLOCK) {
			throw new InvalidSnapshotException("the archive is truncated (incomplete tar header)");
		}
		if (allZero(header)) {
			return null;
		}
		long stored = parseOctal(header, CHECKSUM, 8);
		Arrays.fill(header, CHECKSUM, CHECKSUM + 8, (byte) ' ');
		if (stored != checksum(header)) {
			throw new InvalidSnapshotException("the archive is corrupted (tar header checksum mismatch)");
		}
		if (header[TYPE] != '0' && header[TYPE] != 0) {
			throw new InvalidSnapshotException("the archive holds an entry that is not a regular file");
		}
		int end = 0;
		while (end < NAME_LENGTH && header[NAME + end] != 0) {
			end++;
		}
		String name = new String(header, NAME, end, StandardCharsets.UTF_8);
		long size = ((header[SIZE] & 0x80) != 0) ? parseBase256(header) : parseOctal(header, SIZE, 12);
		return new Entry(name, size);
	}

	/** Skips the padding after an entry of {@code size} bytes that was read whole. */
	static void skipPadding(InputStream in, long size) throws IOException {
		int rest = (int) (size % BLOCK);
		if (rest != 0) {
			int padding = BLOCK - rest;
			if (in.readNBytes(padding).length != padding) {
				throw new EOFException("the archive is truncated");
			}
		}
	}

	private static long checksum(byte[] header) {
		long sum = 0;
		for (byte b : header) {
			sum += b & 0xff;
		}
		return sum;
	}

	private static void octal(byte[] header, int offset, int length, long value) {
		String digits = Long.toOctalString(value);
		String padded = "0".repeat(length - 1 - digits.length()) + digits;
		System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
		header[offset + length - 1] = 0;
	}

	private static long parseOctal(byte[] header, int offset, int length) {
		long value = 0;
		boolean digits = false;
		for (int i = offset; i < offset + length; i++) {
			byte b = header[i];
			if (b == 0 || (b == ' ' && digits)) {
				break;
			}
			if (b == ' ') {
				continue;
			}
			if (b < '0' || b > '7') {
				throw new InvalidSnapshotException("the archive is corrupted (bad number in a tar header)");
			}
			value = (value << 3) + (b - '0');
			digits = true;
		}
		return value;
	}

	private static long parseBase256(byte[] header) {
		if (header[SIZE] != (byte) 0x80 || header[SIZE + 1] != 0 || header[SIZE + 2] != 0 || header[SIZE + 3] != 0
				|| (header[SIZE + 4] & 0x80) != 0) {
			throw new InvalidSnapshotException("the archive is corrupted (bad size in a tar header)");
		}
		long value = 0;
		for (int i = SIZE + 4; i < SIZE + 12; i++) {
			value = (value << 8) | (header[i] & 0xff);
		}
		return value;
	}

	private static boolean allZero(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	record Entry(String name, long size) {
	}

}
