package io.coffer.secrets.barrier;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The keyring of a snapshot, opened with this cluster's root key, to prove that every
 * barrier entry of the snapshot decrypts (automated snapshots' verification). Holds the
 * snapshot's data keys until {@link #close()}, which overwrites them. Not thread-safe.
 */
public final class SnapshotKeys implements AutoCloseable {

	private final Keyring keyring;

	SnapshotKeys(Keyring keyring) {
		this.keyring = keyring;
	}

	/** The snapshot keyring's active (highest) term. */
	public int activeTerm() {
		return this.keyring.active().term();
	}

	/**
	 * Decrypts {@code stored} (a barrier entry as stored at {@code key}) and discards the
	 * plaintext.
	 * @throws BarrierException naming the key (never the value) when the entry is not a
	 * barrier entry, was written under a term the keyring lacks, or fails its integrity
	 * check
	 */
	public void check(String key, byte[] stored) {
		if (stored.length < Barrier.HEADER_BYTES || stored[4] != Barrier.VERSION) {
			throw new BarrierException("unsupported barrier entry at " + key);
		}
		int termNumber = ByteBuffer.wrap(stored, 0, 4).getInt();
		Keyring.Term term = this.keyring.term(termNumber);
		if (term == null) {
			throw new BarrierException("unknown key term " + termNumber + " at " + key);
		}
		byte[] plain = Barrier.decryptWith(term, key, Barrier.aad(key), stored);
		Arrays.fill(plain, (byte) 0);
	}

	@Override
	public void close() {
		this.keyring.retire();
	}

}
