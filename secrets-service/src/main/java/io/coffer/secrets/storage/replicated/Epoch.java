package io.coffer.secrets.storage.replicated;

import java.io.Serializable;

/**
 * One history of the log. A new epoch starts whenever the CP state was lost (full restart
 * or CP reset); the random id keeps two epochs with the same ordinal apart.
 *
 * @param ordinal increases by one with every new epoch
 * @param id random, chosen by the node that seeded the epoch
 */
record Epoch(long ordinal, long id) implements Serializable {

	static final Epoch NONE = new Epoch(0, 0);

	@Override
	public String toString() {
		return this.ordinal + "/" + Long.toHexString(this.id);
	}

}
