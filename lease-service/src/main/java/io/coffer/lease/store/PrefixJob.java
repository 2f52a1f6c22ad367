package io.coffer.lease.store;

import java.time.Instant;

/**
 * A revoke-prefix job (table {@code revoke_prefix_jobs}): it queues the leases under its
 * prefix in lease id order, remembering where it is ({@code cursor}), then waits until
 * the revocation workers have revoked them.
 *
 * @param jobId its id
 * @param prefix the lease id prefix
 * @param state {@code running}, {@code done}, or {@code failed} (some leases irrevocable)
 * @param cursor the last lease id queued
 * @param queued leases queued so far
 * @param markingDone whether every lease under the prefix was queued
 * @param remaining leases still waiting for revocation at the last check
 * @param irrevocable leases under the prefix found irrevocable at the last check
 * @param createdTime when it started
 * @param updatedTime its last progress
 * @param finishedTime when it ended, or null
 */
public record PrefixJob(String jobId, String prefix, String state, String cursor, long queued, boolean markingDone,
		long remaining, long irrevocable, Instant createdTime, Instant updatedTime, Instant finishedTime) {

	/** Whether it is still at work. */
	public boolean running() {
		return "running".equals(this.state);
	}

}
