package io.coffer.audit.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.coffer.audit.config.AuditProperties;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.node.NodeRefusedException;
import io.coffer.audit.node.NodeUnavailableException;
import io.coffer.audit.stream.StreamHub;
import io.coffer.common.audit.JournalClaim;
import io.coffer.common.audit.JournalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's journal: asks for its claim every {@code claim-renew} and, while this
 * instance holds it, keeps a {@link DeviceLoop} running per device that has lines in the
 * journal or is enabled. A claim not renewed within its TTL (the node unreachable) counts
 * as lost: the loops stop before another instance may take over.
 */
class NodeDelivery {

	private static final Logger log = LoggerFactory.getLogger(NodeDelivery.class);

	private final URI node;

	private final NodeClient client;

	private final DeviceTable devices;

	private final DeliveryMetrics metrics;

	private final StreamHub stream;

	private final AuditProperties.Delivery settings;

	private final Supplier<String> instance;

	private final Map<String, DeviceLoop> loops = new ConcurrentHashMap<>();

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile boolean running;

	private volatile long heldUntilNanos;

	private volatile String journal;

	private volatile String nodeName;

	private Thread thread;

	NodeDelivery(URI node, NodeClient client, DeviceTable devices, DeliveryMetrics metrics, StreamHub stream,
			AuditProperties.Delivery settings, Supplier<String> instance) {
		this.node = node;
		this.client = client;
		this.devices = devices;
		this.metrics = metrics;
		this.stream = stream;
		this.settings = settings;
		this.instance = instance;
	}

	URI node() {
		return this.node;
	}

	void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("audit-journal-" + this.node).start(this::run);
	}

	void stop() {
		this.running = false;
		this.heldUntilNanos = 0;
		if (this.thread != null) {
			this.thread.interrupt();
		}
		stopLoops();
	}

	void wake() {
		this.wakeUp.release();
	}

	/** Whether the claim is held (granted and renewed within its TTL). */
	boolean holds() {
		return this.running && System.nanoTime() - this.heldUntilNanos < 0;
	}

	String journal() {
		return this.journal;
	}

	String nodeName() {
		return this.nodeName;
	}

	/** A loop found another journal id (the node's journal was replaced): start over. */
	void journalChanged() {
		this.journal = null;
		wake();
	}

	/** The node refused an ack (409): another instance holds the claim now. */
	void claimLost() {
		this.heldUntilNanos = System.nanoTime();
		wake();
	}

	private void run() {
		while (this.running) {
			try {
				round();
			}
			catch (NodeUnavailableException | NodeRefusedException ex) {
				log.debug("audit journal of {}: {}", this.node, ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.warn("audit journal of {}: {}", this.node, ex.toString());
			}
			if (!holds()) {
				stopLoops();
			}
			try {
				this.wakeUp.tryAcquire(this.settings.claimRenew().toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUp.drainPermits();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void round() {
		long asked = System.nanoTime();
		Duration ttl = this.settings.claimTtl();
		JournalClaim answer = this.client.claim(this.node,
				new JournalClaim(this.instance.get(), ttl.toMillis(), null, false));
		if (!answer.granted()) {
			if (holds() || this.heldUntilNanos != 0) {
				log.info("audit journal of {} is delivered by {} now", this.node, answer.holder());
			}
			this.heldUntilNanos = 0;
			return;
		}
		boolean wasHeld = holds();
		// counted from before the ask, minus a margin: the node's TTL runs from when it
		// granted
		this.heldUntilNanos = asked + ttl.toNanos() - ttl.toNanos() / 5;
		JournalState state = this.client.state(this.node);
		if (!wasHeld) {
			log.info("audit journal {} of {} claimed: delivering", state.journal(), this.node);
		}
		if (this.journal != null && !this.journal.equals(state.journal())) {
			stopLoops();
		}
		this.journal = state.journal();
		this.nodeName = state.node();
		// the backlog also grows while a device's loop is stuck retrying one page
		state.delivered()
			.forEach((device, delivered) -> this.metrics.backlog(device, this.node.toString(),
					state.head() - delivered));
		Set<String> paths = new HashSet<>(state.delivered().keySet());
		paths.addAll(this.devices.paths());
		for (String path : paths) {
			this.loops.computeIfAbsent(path, (device) -> {
				DeviceLoop loop = new DeviceLoop(this, device, state.delivered().getOrDefault(device, 0L), this.client,
						this.devices, this.metrics, this.stream, this.settings, this.instance);
				loop.start();
				return loop;
			});
		}
	}

	/**
	 * A loop ended by itself (claim lost, journal changed): the next round starts a new
	 * one.
	 */
	void ended(DeviceLoop loop) {
		this.loops.remove(loop.device(), loop);
	}

	private void stopLoops() {
		for (DeviceLoop loop : this.loops.values()) {
			loop.stop();
		}
		this.loops.clear();
	}

}
