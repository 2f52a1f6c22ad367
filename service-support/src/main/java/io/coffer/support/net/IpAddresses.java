package io.coffer.support.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, parsed by hand and never through DNS:
 * {@code InetAddress.getByName} resolves anything that is not a literal it recognizes
 * (e.g. {@code 999.1.1.1} or {@code cafe.be}), so a CIDR setting or a forwarded address
 * could make a node or the gateway query DNS, and Java also accepts forms Go's
 * {@code net.ParseIP} refuses ({@code 10.1}, octal-looking {@code 010.0.0.1}). Accepted:
 * dotted-quad IPv4 without leading zeros, and IPv6 (with {@code ::} and an IPv4 tail). An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is its IPv4 address, as Go treats
 * it.
 */
public final class IpAddresses {

	private static final int IPV4_BYTES = 4;

	private static final int IPV6_BYTES = 16;

	private IpAddresses() {
	}

	/**
	 * The address's bytes (4 for IPv4, 16 for IPv6).
	 * @throws IllegalArgumentException when {@code text} is not an IP literal
	 */
	public static byte[] parse(String text) {
		if (text == null || text.isEmpty() || text.length() > 45) {
			throw new IllegalArgumentException("not an IP address literal");
		}
		byte[] address = text.contains(":") ? ipv6(text) : ipv4(text);
		if (address == null) {
			throw new IllegalArgumentException("not an IP address literal");
		}
		return unmapped(address);
	}

	/** Whether {@code text} is an IP literal {@link #parse} accepts. */
	public static boolean isLiteral(String text) {
		try {
			parse(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The canonical text of an address: dotted quad for IPv4, the JDK's full form for
	 * IPv6, never a zone ({@code %eth0}). Built from bytes, so no lookup happens.
	 */
	public static String format(byte[] address) {
		byte[] plain = unmapped(address);
		try {
			return InetAddress.getByAddress(plain).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("an IP address has 4 or 16 bytes", ex);
		}
	}

	/** {@link #format} of a socket's address, dropping any IPv6 zone. */
	public static String format(InetAddress address) {
		return format(address.getAddress());
	}

	private static byte[] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != IPV4_BYTES) {
			return null;
		}
		byte[] out = new byte[IPV4_BYTES];
		for (int i = 0; i < IPV4_BYTES; i++) {
			int value = decimalOctet(parts[i]);
			if (value < 0) {
				return null;
			}
			out[i] = (byte) value;
		}
		return out;
	}

	private static int decimalOctet(String part) {
		if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value > 255) ? -1 : value;
	}

	private static byte[] ipv6(String text) {
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		byte[] head = (gap < 0) ? groups(text) : groups(text.substring(0, gap));
		byte[] tail = (gap < 0) ? new byte[0] : groups(text.substring(gap + 2));
		if (head == null || tail == null) {
			return null;
		}
		int length = head.length + tail.length;
		if ((gap < 0 && length != IPV6_BYTES) || (gap >= 0 && length > IPV6_BYTES - 2)) {
			return null;
		}
		byte[] out = new byte[IPV6_BYTES];
		System.arraycopy(head, 0, out, 0, head.length);
		System.arraycopy(tail, 0, out, IPV6_BYTES - tail.length, tail.length);
		return out;
	}

	/**
	 * The bytes of colon-separated hex groups, the last of which may be an IPv4 address;
	 * null when malformed. An empty string is no group.
	 */
	private static byte[] groups(String text) {
		if (text.isEmpty()) {
			return new byte[0];
		}
		String[] parts = text.split(":", -1);
		byte[] out = new byte[parts.length * 2 + 2];
		int length = 0;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && part.contains(".")) {
				byte[] v4 = ipv4(part);
				if (v4 == null) {
					return null;
				}
				System.arraycopy(v4, 0, out, length, IPV4_BYTES);
				length += IPV4_BYTES;
				continue;
			}
			int value = hexGroup(part);
			if (value < 0) {
				return null;
			}
			out[length++] = (byte) (value >> 8);
			out[length++] = (byte) value;
		}
		byte[] exact = new byte[length];
		System.arraycopy(out, 0, exact, 0, length);
		return exact;
	}

	private static int hexGroup(String part) {
		if (part.isEmpty() || part.length() > 4) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			int digit = Character.digit(part.charAt(i), 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

	private static byte[] unmapped(byte[] address) {
		if (address.length != IPV6_BYTES) {
			return address;
		}
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return address;
			}
		}
		if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
			return address;
		}
		return new byte[] { address[12], address[13], address[14], address[15] };
	}

}
