package io.coffer.lease.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.lease} (README.md "Configuration").
 *
 * @param nodes the secrets nodes' base URLs; revocations and renewals go to the active
 * one (a standby answers 503 and the next is tried)
 * @param nodeConnectTimeout how long connecting to one node may take
 * @param nodeTimeout how long one call to a node may take
 * @param revoke how due leases are revoked
 * @param removeIrrevocableLeaseAfter Vault Enterprise's
 * {@code remove_irrevocable_lease_after}: irrevocable leases older than this are deleted
 * (zero: kept until force-revoked)
 * @param instanceId this instance's name in its claims (default: host name and port); see
 * {@link io.coffer.support.instance.InstanceId}
 */
@ConfigurationProperties("coffer.lease")
public record LeaseProperties(List<URI> nodes, @DefaultValue("2s") Duration nodeConnectTimeout,
		@DefaultValue("30s") Duration nodeTimeout, @DefaultValue Revoke revoke,
		@DefaultValue("0s") Duration removeIrrevocableLeaseAfter, String instanceId) {

	public LeaseProperties {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
	}

	/**
	 * How the revocation workers work.
	 *
	 * @param enabled whether this instance revokes due leases at all
	 * @param batchSize leases claimed per database round trip
	 * @param concurrency calls to the node in flight at once per instance
	 * @param nodeBatchSize leases revoked per call to the node (a claimed batch is split
	 * into calls of this size; 1: one call per lease)
	 * @param pollInterval how often an idle worker looks for due leases
	 * @param claimTimeout how long a claimed lease stays with the instance that claimed
	 * it; past it another instance may take it (the claimant died). Must exceed the
	 * longest node call including its retries.
	 * @param maxAttempts failed revocations (the node answered with an error) after which
	 * a lease becomes irrevocable (Vault: 6)
	 * @param backoff the wait after the first failure, doubled after each further one
	 * @param maxBackoff the longest wait between two attempts
	 * @param retryAttempts immediate attempts of one call while no node is reachable
	 * @param retryWait the first wait between those attempts (doubled each time)
	 * @param breakerOpen how long the circuit breaker stays open once the nodes were
	 * unreachable for half of the last 20 calls
	 */
	public record Revoke(@DefaultValue("true") boolean enabled, @DefaultValue("1000") int batchSize,
			@DefaultValue("32") int concurrency, @DefaultValue("100") int nodeBatchSize,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("5m") Duration claimTimeout,
			@DefaultValue("6") int maxAttempts, @DefaultValue("10s") Duration backoff,
			@DefaultValue("10m") Duration maxBackoff, @DefaultValue("3") int retryAttempts,
			@DefaultValue("200ms") Duration retryWait, @DefaultValue("10s") Duration breakerOpen) {

		/** The wait before the next attempt after {@code failures} failed ones. */
		public Duration backoffAfter(int failures) {
			long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
			Duration wait = this.backoff.multipliedBy(factor);
			return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
		}

	}

}
