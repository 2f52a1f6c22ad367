package io.coffer.secrets.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import io.coffer.secrets.engine.VaultException;

/**
 * CIDR blocks given as literals ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare
 * address); never resolved through DNS.
 */
public final class Cidrs {

	private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	private Cidrs() {
	}

	/**
	 * @throws VaultException 400 naming the field when a block is not a CIDR literal
	 */
	public static List<String> validate(List<String> blocks, String field) {
		for (String block : blocks) {
			try {
				parse(block);
			}
			catch (IllegalArgumentException ex) {
				throw VaultException.badRequest("invalid CIDR block in \"" + field + "\"");
			}
		}
		return List.copyOf(blocks);
	}

	/** Whether {@code address} lies in any of {@code blocks}. */
	public static boolean contains(List<String> blocks, String address) {
		byte[] candidate;
		try {
			candidate = literal(address).getAddress();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		for (String block : blocks) {
			Block parsed = parse(block);
			if (parsed.address().length == candidate.length && parsed.covers(candidate)) {
				return true;
			}
		}
		return false;
	}

	/** Whether every block of {@code inner} lies inside some block of {@code outer}. */
	public static boolean subset(List<String> inner, List<String> outer) {
		if (outer.isEmpty()) {
			return true;
		}
		for (String block : inner) {
			Block parsed = parse(block);
			boolean covered = outer.stream()
				.map(Cidrs::parse)
				.anyMatch((candidate) -> candidate.address().length == parsed.address().length
						&& candidate.prefix() <= parsed.prefix() && candidate.covers(parsed.address()));
			if (!covered) {
				return false;
			}
		}
		return true;
	}

	private static Block parse(String block) {
		String[] parts = block.trim().split("/", -1);
		if (parts.length > 2) {
			throw new IllegalArgumentException("bad CIDR");
		}
		byte[] address = literal(parts[0]).getAddress();
		int bits = address.length * 8;
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bits;
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("bad prefix");
		}
		return new Block(address, prefix);
	}

	private static InetAddress literal(String text) {
		if (text == null || !LITERAL.matcher(text).matches() || (!text.contains(":") && !text.contains("."))) {
			throw new IllegalArgumentException("not an address literal");
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an address literal", ex);
		}
	}

	private record Block(byte[] address, int prefix) {

		boolean covers(byte[] candidate) {
			int bits = this.address.length * 8;
			BigInteger mask = BigInteger.ONE.shiftLeft(bits)
				.subtract(BigInteger.ONE)
				.shiftRight(this.prefix)
				.xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
			return new BigInteger(1, this.address).and(mask).equals(new BigInteger(1, candidate).and(mask));
		}

	}

}
