package io.coffer.secrets.storage.replicated;

import java.util.HexFormat;
import java.util.UUID;

/**
 * What a restore entry installs: the state staged under {@code id} on the nodes before
 * the entry was appended, identified by its digest (SHA-256 over the staged pairs, as a
 * replica copy computes it) and its number of pairs. A node applies the entry by swapping
 * in its staged copy when it holds one with this digest, otherwise it copies the replica
 * of a peer that has applied it.
 *
 * @param id the staging id
 * @param digest SHA-256 of the staged state ({@link ReplicaSnapshot} digest at
 * {@link Position#EMPTY})
 * @param count number of key/value pairs
 * @param foreign whether the state is another cluster's (its keyring opens with another
 * root key): a node that installs it stops signing with its log key and leaves the
 * election until it is unsealed with the restored state's keys
 */
record RestoreMark(UUID id, byte[] digest, long count, boolean foreign) implements java.io.Serializable {

	static final int DIGEST_BYTES = 32;

	RestoreMark {
		if (digest.length != DIGEST_BYTES) {
			throw new IllegalArgumentException("restore digest must be 32 bytes");
		}
		digest = digest.clone();
	}

	/** A restore of this cluster's own state. */
	RestoreMark(UUID id, byte[] digest, long count) {
		this(id, digest, count, false);
	}

	@Override
	public byte[] digest() {
		return this.digest.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RestoreMark mark && mark.id.equals(this.id) && mark.count == this.count
				&& mark.foreign == this.foreign && java.util.Arrays.equals(mark.digest, this.digest);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "RestoreMark[" + this.id + ", " + this.count + " pairs" + (this.foreign ? ", foreign" : "") + ", sha256 "
				+ HexFormat.of().formatHex(this.digest, 0, 8) + "…]";
	}

}
