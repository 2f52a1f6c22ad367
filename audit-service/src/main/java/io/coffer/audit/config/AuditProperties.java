package io.coffer.audit.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.audit} (README.md "Configuration").
 *
 * @param nodes every secrets node's base URL: each node's journal is delivered, and the
 * device table is changed on the active one
 * @param instanceId this instance's name in its journal claims (default: host name and
 * port); see {@link io.coffer.support.instance.InstanceId}
 * @param nodeConnectTimeout how long connecting to one node may take
 * @param nodeTimeout how long one call to a node may take (a long-poll adds its wait)
 * @param delivery how journals are delivered
 * @param stream the live stream
 */
@ConfigurationProperties("coffer.audit")
public record AuditProperties(List<URI> nodes, String instanceId, @DefaultValue("2s") Duration nodeConnectTimeout,
		@DefaultValue("10s") Duration nodeTimeout, @DefaultValue Delivery delivery, @DefaultValue Stream stream) {

	public AuditProperties {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
	}

	/**
	 * How journals are delivered.
	 *
	 * @param enabled whether this instance delivers at all
	 * @param claimTtl how long a journal claim lasts without renewal (another instance
	 * takes the journal over after it)
	 * @param claimRenew how often the claims are asked for or renewed
	 * @param devicesRefresh how often the device table is read from the nodes
	 * @param batchSize lines asked for per page
	 * @param pollWait how long a node holds a page request while it has nothing new
	 * @param backoff the first wait after a failed write or node call, doubled per
	 * further failure
	 * @param maxBackoff the longest wait between two attempts
	 * @param breakerOpen how long a device's circuit breaker stays open once its writes
	 * kept failing
	 */
	public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration claimTtl,
			@DefaultValue("3s") Duration claimRenew, @DefaultValue("10s") Duration devicesRefresh,
			@DefaultValue("500") int batchSize, @DefaultValue("5s") Duration pollWait,
			@DefaultValue("200ms") Duration backoff, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("10s") Duration breakerOpen) {

		/** The wait before the next attempt after {@code failures} failed ones. */
		public Duration backoffAfter(int failures) {
			long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
			Duration wait = this.backoff.multipliedBy(factor);
			return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
		}

	}

	/**
	 * The live stream ({@code sys/audit-stream/<path>}).
	 *
	 * @param buffer lines buffered per subscriber; a subscriber that falls this far
	 * behind is disconnected (delivery never waits for it)
	 * @param timeout how long one stream stays open (zero: until the client leaves)
	 */
	public record Stream(@DefaultValue("1000") int buffer, @DefaultValue("0s") Duration timeout) {
	}

}
