package io.coffer.common.lease;

/**
 * The active node's answer to a {@link LeaseRenewalRequest}.
 *
 * @param ttlSeconds the new {@code lease_duration} from now
 * @param renewable whether it may be renewed again
 */
public record LeaseRenewal(long ttlSeconds, boolean renewable) {
}
