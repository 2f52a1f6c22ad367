package io.coffer.lease.store;

/**
 * Lease id prefixes as SQL conditions. A prefix is matched as a byte-wise range
 * ({@code ~>=~}, {@code ~<~}: the operators of the {@code text_pattern_ops} index), which
 * stays indexable with bind parameters, where {@code LIKE :p} would not in a generic
 * plan; {@code starts_with} keeps it exact.
 */
final class Prefixes {

	/** The condition; binds {@code :prefix} and {@code :upper}. */
	static final String CONDITION = "lease_id ~>=~ :prefix AND lease_id ~<~ :upper AND starts_with(lease_id, :prefix)";

	// U+10FFFF, the highest code point: its UTF-8 bytes sort after those of any other
	// character.
	private static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT));

	private Prefixes() {
	}

	/** The exclusive upper bound of the lease ids starting with {@code prefix}. */
	static String upper(String prefix) {
		return prefix + HIGHEST;
	}

}
