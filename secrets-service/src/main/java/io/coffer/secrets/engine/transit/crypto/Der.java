package io.coffer.secrets.engine.transit.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The few DER encodings Vault's export formats need that the JDK does not produce (PKCS
 * #1 {@code RSAPrivateKey}, SEC 1 {@code ECPrivateKey}).
 */
final class Der {

	private static final int INTEGER = 0x02;

	private static final int BIT_STRING = 0x03;

	private static final int OCTET_STRING = 0x04;

	private static final int SEQUENCE = 0x30;

	private Der() {
	}

	static byte[] sequence(byte[]... elements) {
		return tagged(SEQUENCE, concat(elements));
	}

	static byte[] integer(BigInteger value) {
		return tagged(INTEGER, value.toByteArray());
	}

	static byte[] integer(long value) {
		return integer(BigInteger.valueOf(value));
	}

	static byte[] octetString(byte[] value) {
		return tagged(OCTET_STRING, value);
	}

	/** A BIT STRING with no unused bits. */
	static byte[] bitString(byte[] value) {
		byte[] content = new byte[value.length + 1];
		System.arraycopy(value, 0, content, 1, value.length);
		return tagged(BIT_STRING, content);
	}

	/** An explicitly tagged, constructed context-specific element {@code [n]}. */
	static byte[] explicit(int tagNumber, byte[] element) {
		return tagged(0xA0 | tagNumber, element);
	}

	static byte[] tagged(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
		out.write(tag);
		writeLength(out, content.length);
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static void writeLength(ByteArrayOutputStream out, int length) {
		if (length < 0x80) {
			out.write(length);
			return;
		}
		int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
		out.write(0x80 | bytes);
		for (int i = bytes - 1; i >= 0; i--) {
			out.write(length >>> (8 * i));
		}
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
