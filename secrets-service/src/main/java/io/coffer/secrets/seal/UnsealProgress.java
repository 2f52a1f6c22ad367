package io.coffer.secrets.seal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The shares given so far towards unsealing this node. Not thread-safe:
 * {@link SealService} guards it.
 */
final class UnsealProgress {

	private final List<byte[]> shares = new ArrayList<>();

	private String nonce = "";

	int count() {
		return this.shares.size();
	}

	String nonce() {
		return this.nonce;
	}

	/**
	 * Adds a share; a share already given is ignored (constant-time comparison), as Vault
	 * does.
	 */
	void add(byte[] share) {
		for (byte[] given : this.shares) {
			if (MessageDigest.isEqual(given, share)) {
				return;
			}
		}
		if (this.shares.isEmpty()) {
			this.nonce = UUID.randomUUID().toString();
		}
		this.shares.add(share);
	}

	List<byte[]> shares() {
		return List.copyOf(this.shares);
	}

	/** Forgets and overwrites every share given. */
	void reset() {
		this.shares.forEach((share) -> Arrays.fill(share, (byte) 0));
		this.shares.clear();
		this.nonce = "";
	}

}
