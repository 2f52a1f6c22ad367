package io.coffer.secrets.identity;

import java.util.List;

import io.coffer.common.net.Cidr;
import io.coffer.secrets.kernel.VaultException;

/**
 * CIDR settings of credentials ({@code secret_id_bound_cidrs}, {@code cidr_list},
 * {@code token_bound_cidrs}...): blocks given as literals ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, or a bare address), never resolved through DNS, so a host name
 * is refused rather than looked up.
 */
public final class Cidrs {

	private Cidrs() {
	}

	/**
	 * @throws VaultException 400 naming the field when a block is not a CIDR or address
	 * literal
	 */
	public static List<String> validate(List<String> blocks, String field) {
		for (String block : blocks) {
			try {
				Cidr.parse(block);
			}
			catch (IllegalArgumentException ex) {
				throw VaultException.badRequest("invalid CIDR block in \"" + field
						+ "\": only IP addresses and CIDR blocks are accepted, host names are not resolved");
			}
		}
		return List.copyOf(blocks);
	}

	/**
	 * Whether {@code address} lies in any of {@code blocks}. A stored block that no
	 * longer parses (written by an older, laxer parser) matches nothing.
	 */
	public static boolean contains(List<String> blocks, String address) {
		for (String block : blocks) {
			try {
				if (Cidr.parse(block).contains(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// refuses rather than fails
			}
		}
		return false;
	}

	/** Whether every block of {@code inner} lies inside some block of {@code outer}. */
	public static boolean subset(List<String> inner, List<String> outer) {
		if (outer.isEmpty()) {
			return true;
		}
		List<Cidr> parsed = outer.stream().map(Cidr::parse).toList();
		return inner.stream().map(Cidr::parse).allMatch((block) -> parsed.stream().anyMatch((o) -> o.covers(block)));
	}

}
