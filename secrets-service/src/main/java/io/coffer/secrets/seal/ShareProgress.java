package io.coffer.secrets.seal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key shares given so far towards a quorum (unseal, generate-root, rekey). Not
 * thread-safe: its owner guards it.
 */
final class ShareProgress {

	private final List<byte[]> shares = new ArrayList<>();

	int count() {
		return this.shares.size();
	}

	/**
	 * Adds a share unless it was already given (constant-time comparison).
	 * @return false when the share was given before
	 */
	boolean add(byte[] share) {
		for (byte[] given : this.shares) {
			if (MessageDigest.isEqual(given, share)) {
				return false;
			}
		}
		this.shares.add(share);
		return true;
	}

	List<byte[]> shares() {
		return List.copyOf(this.shares);
	}

	/** Forgets and overwrites every share given. */
	void reset() {
		this.shares.forEach((share) -> Arrays.fill(share, (byte) 0));
		this.shares.clear();
	}

}
