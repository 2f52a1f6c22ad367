package io.coffer.support.net;

import java.util.Arrays;

/**
 * A CIDR block given as a literal ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a bare
 * address (a block of one); parsed by {@link IpAddresses}, never through DNS. Host bits
 * below the prefix are allowed and ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), as
 * in Go's sockaddr that Vault uses.
 *
 * @param network the block's address bytes (4 or 16)
 * @param prefix the prefix length in bits
 */
public record Cidr(byte[] network, int prefix) {

	public Cidr {
		network = network.clone();
		if (prefix < 0 || prefix > network.length * 8) {
			throw new IllegalArgumentException("prefix out of range");
		}
	}

	/**
	 * @throws IllegalArgumentException when {@code text} is not a CIDR or address literal
	 */
	public static Cidr parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("not a CIDR block");
		}
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		if (slash < 0) {
			byte[] address = IpAddresses.parse(trimmed);
			return new Cidr(address, address.length * 8);
		}
		byte[] address = IpAddresses.parse(trimmed.substring(0, slash));
		String bits = trimmed.substring(slash + 1);
		if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("not a CIDR prefix length");
		}
		return new Cidr(address, Integer.parseInt(bits));
	}

	/** Whether {@code address} (4 or 16 bytes) lies in this block. */
	public boolean contains(byte[] address) {
		if (address.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (address[full] & mask) == (this.network[full] & mask);
	}

	/** Whether {@code address} is an IP literal inside this block (false if not one). */
	public boolean contains(String address) {
		try {
			return contains(IpAddresses.parse(address));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Whether every address of {@code other} lies in this block. */
	public boolean covers(Cidr other) {
		return other.network.length == this.network.length && this.prefix <= other.prefix && contains(other.network);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr cidr && cidr.prefix == this.prefix && Arrays.equals(cidr.network, this.network);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.network) + this.prefix;
	}

	@Override
	public String toString() {
		return IpAddresses.format(this.network) + "/" + this.prefix;
	}

	@Override
	public byte[] network() {
		return this.network.clone();
	}

}
