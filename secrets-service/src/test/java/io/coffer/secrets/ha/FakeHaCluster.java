package io.coffer.secrets.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.storage.NodeInfo;

/**
 * A one-node {@link HaCluster} that becomes active as soon as it joins the election; for
 * unit tests only.
 */
public class FakeHaCluster implements HaCluster {

	private final List<HaListener> listeners = new CopyOnWriteArrayList<>();

	private volatile Instant activeSince;

	@Override
	public String nodeId() {
		return "test-node";
	}

	@Override
	public boolean haEnabled() {
		return false;
	}

	@Override
	public boolean isActive() {
		return this.activeSince != null;
	}

	@Override
	public Optional<NodeInfo> activeNode() {
		return isActive() ? Optional.of(new NodeInfo("test-node", "http://127.0.0.1:0", "127.0.0.1:0"))
				: Optional.empty();
	}

	@Override
	public Optional<Instant> activeSince() {
		return Optional.ofNullable(this.activeSince);
	}

	@Override
	public long committedIndex() {
		return 0;
	}

	@Override
	public long appliedIndex() {
		return 0;
	}

	@Override
	public synchronized void joinElection() {
		if (this.activeSince == null) {
			this.activeSince = Instant.now();
			this.listeners.forEach(HaListener::becameActive);
		}
	}

	@Override
	public synchronized void leaveElection() {
		if (this.activeSince != null) {
			this.activeSince = null;
			this.listeners.forEach(HaListener::becameStandby);
		}
	}

	@Override
	public void awaitActive(Duration timeout) {
		joinElection();
	}

	@Override
	public void addListener(HaListener listener) {
		this.listeners.add(listener);
	}

}
