package io.coffer.common.lease;

import java.util.List;

/**
 * lease-service asks the active node to revoke many secrets in one call
 * ({@code POST /internal/leases/revoke-batch}): each entry means exactly what a
 * {@link LeaseRevocation} sent alone means. The node answers {@code 200} with a
 * {@link LeaseRevocationResults} carrying one outcome per entry, in the same order: a
 * refused entry never fails the others. A standby answers {@code 503} for the whole
 * batch; a node that does not know the endpoint answers {@code 404} (lease-service then
 * sends the entries one by one to {@code /internal/leases/revoke}).
 *
 * @param revocations the secrets to revoke, each with its lease id
 */
public record LeaseRevocationBatch(List<LeaseRevocation> revocations) {

	public LeaseRevocationBatch {
		revocations = (revocations != null) ? List.copyOf(revocations) : List.of();
	}

}
