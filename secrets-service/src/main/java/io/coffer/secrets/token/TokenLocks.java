package io.coffer.secrets.token;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by token storage id, so that use counts, renewals and revocations of one
 * token never interleave on the active node while different tokens proceed in parallel.
 */
final class TokenLocks {

	private static final int STRIPES = 64;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	TokenLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	ReentrantLock forId(String id) {
		return this.locks[Math.floorMod(id.hashCode(), STRIPES)];
	}

}
