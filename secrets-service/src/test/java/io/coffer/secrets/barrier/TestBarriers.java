package io.coffer.secrets.barrier;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.secrets.storage.Storage;

/** Unsealed barriers over any storage, for tests of engines and the core. */
public final class TestBarriers {

	private TestBarriers() {
	}

	public static Barrier unsealed(Storage storage) {
		SecureRandom random = new SecureRandom();
		byte[] rootKey = new byte[AesGcm.KEY_BYTES];
		random.nextBytes(rootKey);
		Barrier barrier = new Barrier(storage, random, Clock.systemUTC());
		barrier.initialize(rootKey);
		barrier.unseal(rootKey);
		return barrier;
	}

}
