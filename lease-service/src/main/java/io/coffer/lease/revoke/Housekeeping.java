package io.coffer.lease.revoke;

/**
 * Periodic work the {@link RevocationWorker} runs between two batches (irrevocable lease
 * removal, revoke-prefix jobs). Each run must be short or bounded: it delays the next
 * batch.
 */
public interface Housekeeping {

	void run();

}
