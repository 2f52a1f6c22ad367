package io.coffer.secrets.token;

import io.coffer.secrets.kernel.TokenEntry;

/** Told of every token written or removed, e.g. to keep live counts without scans. */
interface TokenListener {

	void created(TokenEntry entry);

	void revoked(TokenEntry entry);

	/** A request or lookup resolved a token. */
	default void lookedUp() {
	}

	/** The store was tidied or this node became active: counts must be rebuilt. */
	void recount(Iterable<TokenEntry> live);

}
