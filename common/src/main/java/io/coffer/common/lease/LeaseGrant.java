package io.coffer.common.lease;

import java.time.Instant;

/**
 * lease-service's answer to a {@link LeaseRegistration}: the lease exists and will expire
 * at {@code expireTime} unless renewed.
 *
 * @param leaseId the registered lease id
 * @param issueTime when lease-service recorded it
 * @param expireTime when it expires
 */
public record LeaseGrant(String leaseId, Instant issueTime, Instant expireTime) {
}
