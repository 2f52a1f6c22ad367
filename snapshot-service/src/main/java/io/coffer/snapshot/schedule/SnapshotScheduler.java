package io.coffer.snapshot.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.snapshot.metrics.SnapshotMetrics;
import io.coffer.snapshot.node.NodeClient;
import io.coffer.support.node.NodeRefusedException;
import io.coffer.support.node.NodeUnavailableException;
import io.coffer.snapshot.policy.PolicyParser;
import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.settings.SnapshotProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code coffer.snapshot.check-every}, looks at each configuration on the active
 * node: when its current tick ({@link Ticks}) is past the claimed one, asks the node for
 * it (check-and-set) and takes the snapshot only when granted. Any number of instances
 * may run this; each tick is granted to one. Snapshots run one after the other on this
 * thread, so one instance never loads the node with two at once.
 */
@Component
public class SnapshotScheduler {

	private static final Logger log = LoggerFactory.getLogger(SnapshotScheduler.class);

	private final NodeClient node;

	private final SnapshotRunner runner;

	private final SnapshotMetrics metrics;

	private final SnapshotProperties properties;

	private final Clock clock;

	public SnapshotScheduler(NodeClient node, SnapshotRunner runner, SnapshotMetrics metrics,
			SnapshotProperties properties, Clock clock) {
		this.node = node;
		this.runner = runner;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${coffer.snapshot.check-every:5s}",
			initialDelayString = "${coffer.snapshot.check-every:5s}")
	void scheduled() {
		if (!this.properties.schedulerEnabled()) {
			return;
		}
		try {
			checkOnce();
		}
		catch (NodeUnavailableException | NodeRefusedException ex) {
			log.debug("Automated snapshots not checked: {}", ex.getMessage());
		}
	}

	/**
	 * One look at every configuration.
	 * @return how many snapshots this instance took
	 */
	public int checkOnce() {
		int taken = 0;
		for (String name : this.node.names()) {
			try {
				taken += check(name) ? 1 : 0;
			}
			catch (NodeUnavailableException | NodeRefusedException ex) {
				log.warn("Automated snapshot {} not checked: {}", name, ex.getMessage());
			}
			catch (RuntimeException ex) {
				// one broken configuration must not stop the others' schedules
				log.warn("Automated snapshot {} not checked", name, ex);
			}
		}
		return taken;
	}

	private boolean check(String name) {
		Optional<AutoSnapshotEntry> found = this.node.entry(name);
		if (found.isEmpty()) {
			return false;
		}
		AutoSnapshotEntry entry = found.get();
		this.metrics.known(name);
		SnapshotPolicy policy = PolicyParser.stored(name, entry.config());
		if (policy.intervalSeconds() <= 0) {
			return false;
		}
		lastSuccess(name, entry);
		Instant now = this.clock.instant();
		long tick = Ticks.current(now, policy.intervalSeconds());
		if (tick <= entry.claimedTick()) {
			return false;
		}
		TickClaim claim = this.node.claim(name, tick);
		if (!claim.granted()) {
			return false;
		}
		this.runner.run(policy, entry.status());
		return true;
	}

	private void lastSuccess(String name, AutoSnapshotEntry entry) {
		if (entry.status().get("last_success_time") instanceof String time && !time.isEmpty()) {
			this.metrics.lastSuccess(name, OffsetDateTime.parse(time).toEpochSecond());
		}
	}

}
