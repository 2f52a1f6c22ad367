package io.coffer.common.lease;

import java.util.List;

/**
 * The node's answer to a {@link LeaseRevocationBatch}: one {@link Outcome} per entry of
 * the batch, in its order.
 *
 * @param outcomes the outcomes
 */
public record LeaseRevocationResults(List<Outcome> outcomes) {

	public LeaseRevocationResults {
		outcomes = (outcomes != null) ? List.copyOf(outcomes) : List.of();
	}

	/**
	 * What became of one secret.
	 *
	 * @param leaseId the lease id of the entry
	 * @param status {@code 204} when the secret is gone (also when it was already gone or
	 * its mount no longer exists), else the status the single call would have answered
	 * (400, 500…)
	 * @param error the engine's error text when not revoked (kept as the lease's last
	 * error; never a secret value), null when revoked
	 */
	public record Outcome(String leaseId, int status, String error) {

		/** A revoked secret. */
		public static Outcome revoked(String leaseId) {
			return new Outcome(leaseId, 204, null);
		}

		/** Whether the secret is gone. */
		public boolean isRevoked() {
			return this.status / 100 == 2;
		}

	}

}
