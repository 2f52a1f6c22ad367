package io.coffer.audit.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.audit.config.AuditProperties;
import io.coffer.audit.device.DeliveredLine;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.node.NodeRefusedException;
import io.coffer.audit.node.NodeUnavailableException;
import io.coffer.audit.stream.StreamHub;
import io.coffer.common.audit.JournalAck;
import io.coffer.common.audit.JournalPage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's lines of one node's journal, delivered in order by their own thread: ask
 * for the lines after the cursor (long-polled), write them to the device's sink, ack, go
 * on. A failed write is retried with backoff under the device's circuit breaker until it
 * succeeds: nothing is skipped, and other devices and nodes carry on meanwhile. A device
 * the active node no longer lists is acked up to the journal's head (its lines are
 * dropped, as Vault drops a disabled device's).
 */
class DeviceLoop {

	private static final Logger log = LoggerFactory.getLogger(DeviceLoop.class);

	private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

	private final NodeDelivery owner;

	private final String device;

	private final NodeClient client;

	private final DeviceTable devices;

	private final DeliveryMetrics metrics;

	private final StreamHub stream;

	private final AuditProperties.Delivery settings;

	private final Supplier<String> instance;

	private final ChainCheck chain = new ChainCheck();

	private long cursor;

	private long lastWritten = -1;

	private volatile boolean running;

	private Thread thread;

	DeviceLoop(NodeDelivery owner, String device, long cursor, NodeClient client, DeviceTable devices,
			DeliveryMetrics metrics, StreamHub stream, AuditProperties.Delivery settings, Supplier<String> instance) {
		this.owner = owner;
		this.device = device;
		this.cursor = cursor;
		this.client = client;
		this.devices = devices;
		this.metrics = metrics;
		this.stream = stream;
		this.settings = settings;
		this.instance = instance;
	}

	String device() {
		return this.device;
	}

	void start() {
		this.running = true;
		this.thread = Thread.ofVirtual()
			.name("audit-deliver-" + this.device + "-" + this.owner.node())
			.start(this::run);
	}

	void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	private boolean active() {
		return this.running && this.owner.holds() && !Thread.currentThread().isInterrupted();
	}

	private void run() {
		int failures = 0;
		try {
			while (active()) {
				try {
					if (step()) {
						failures = 0;
					}
				}
				catch (JournalChanged ex) {
					this.owner.journalChanged();
					return;
				}
				catch (NodeUnavailableException | NodeRefusedException ex) {
					if (ex instanceof NodeRefusedException refused && refused.status() == 409) {
						log.info("audit journal of {}: ack of {} refused, the claim is gone", this.owner.node(),
								this.device);
						this.owner.claimLost();
						return;
					}
					failures++;
					log.debug("audit journal of {} for {}: {}", this.owner.node(), this.device, ex.getMessage());
					sleep(this.settings.backoffAfter(failures));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.running = false;
			this.owner.ended(this);
		}
	}

	/** One page: true when it made progress. */
	private boolean step() throws InterruptedException {
		Optional<DeviceTable.Device> found = this.devices.find(this.device);
		if (found.isEmpty()) {
			if (this.devices.absent(this.device)) {
				dropBacklog();
				sleep(this.settings.devicesRefresh());
			}
			else {
				sleep(this.settings.backoff());
			}
			return false;
		}
		if (found.get().sink() == null) {
			// enabled, but this instance has no sink for it: its lines wait in the
			// journal
			sleep(this.settings.devicesRefresh());
			return false;
		}
		JournalPage page = this.client.lines(this.owner.node(), this.device, this.cursor, this.settings.batchSize(),
				this.settings.pollWait());
		checkJournal(page);
		this.metrics.backlog(this.device, this.owner.node().toString(), page.head() - this.cursor);
		if (page.lines().isEmpty()) {
			this.metrics.pendingSince(this.device, this.owner.node().toString(), 0);
			if (page.next() > this.cursor) {
				ack(page.next());
				return true;
			}
			return false;
		}
		String node = (this.owner.nodeName() != null) ? this.owner.nodeName() : this.owner.node().toString();
		List<DeliveredLine> lines = page.lines()
			.stream()
			.map((line) -> new DeliveredLine(page.journal(), node, line.seq(), line.requestId(), line.line()))
			.toList();
		this.metrics.pendingSince(this.device, this.owner.node().toString(), journaled(lines.get(0).line()));
		if (!write(lines)) {
			return false;
		}
		this.metrics.delivered(this.device, lines.size());
		if (lines.get(0).seq() <= this.lastWritten) {
			// written again after an ack that failed: the chain restarts from here
			this.chain.reset();
		}
		this.lastWritten = lines.get(lines.size() - 1).seq();
		for (DeliveredLine line : lines) {
			if (!this.chain.accept(line.line())) {
				this.metrics.chainFailure();
				log.warn("audit journal {} of {}: the hash chain of device {} breaks at seq {}", page.journal(),
						this.owner.node(), this.device, line.seq());
			}
		}
		this.stream.publish(this.device, lines);
		ack(page.next());
		this.metrics.backlog(this.device, this.owner.node().toString(), page.head() - this.cursor);
		this.metrics.pendingSince(this.device, this.owner.node().toString(), 0);
		return true;
	}

	/**
	 * Writes a page, again and again until it is durable at the device; false when the
	 * claim was lost or the device changed meanwhile (the page is read again).
	 */
	private boolean write(List<DeliveredLine> lines) throws InterruptedException {
		int failures = 0;
		while (active()) {
			Optional<DeviceTable.Device> found = this.devices.find(this.device);
			if (found.isEmpty() || found.get().sink() == null) {
				return false;
			}
			DeviceTable.Device current = found.get();
			try {
				current.breaker().executeCheckedRunnable(() -> current.sink().write(lines));
				if (failures > 0) {
					log.info("audit device {} writes again ({} failed attempts)", this.device, failures);
				}
				return true;
			}
			catch (CallNotPermittedException ex) {
				sleep(this.settings.backoffAfter(Math.max(failures, 1)));
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failures++;
				this.metrics.error(this.device);
				if (failures == 1 || failures % 50 == 0) {
					// the exception's text only: it never holds a line
					log.warn("audit device {}: write failed ({}), retrying (attempt {})", this.device,
							ex.getClass().getSimpleName() + ": " + ex.getMessage(), failures);
				}
				sleep(this.settings.backoffAfter(failures));
			}
		}
		return false;
	}

	/** The device is no longer enabled: its lines in this journal are dropped. */
	private void dropBacklog() {
		JournalPage page = this.client.lines(this.owner.node(), this.device, this.cursor, 1, Duration.ZERO);
		checkJournal(page);
		if (page.head() > this.cursor) {
			ack(page.head());
			log.info("audit device {} is not enabled: its lines in the journal of {} are dropped", this.device,
					this.owner.node());
		}
		this.metrics.backlog(this.device, this.owner.node().toString(), 0);
		this.metrics.pendingSince(this.device, this.owner.node().toString(), 0);
	}

	private void ack(long position) {
		this.client.ack(this.owner.node(),
				new JournalAck(this.owner.journal(), this.instance.get(), this.device, position));
		this.cursor = position;
	}

	private void checkJournal(JournalPage page) {
		if (this.owner.journal() != null && !this.owner.journal().equals(page.journal())) {
			throw new JournalChanged();
		}
	}

	private static long journaled(String line) {
		Matcher matcher = TIME.matcher(line);
		if (matcher.find()) {
			try {
				return Instant.parse(matcher.group(1)).toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				// not a time: no lag from it
			}
		}
		return System.currentTimeMillis();
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(Math.max(duration.toMillis(), 1));
	}

	private static final class JournalChanged extends RuntimeException {

		JournalChanged() {
			super(null, null, false, false);
		}

	}

}
