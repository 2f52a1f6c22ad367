package io.coffer.audit.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.coffer.audit.config.AuditProperties;
import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactories;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.node.NodeRefusedException;
import io.coffer.audit.node.NodeUnavailableException;
import io.coffer.common.audit.AuditDevice;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's copy of the active node's device table, with a sink and a circuit
 * breaker per enabled device. Read at start, every {@code devices-refresh}, right after
 * {@code sys/audit} changed it, and before delivery decides a device is gone. A device
 * whose options changed gets a new sink; a removed one's sink is closed.
 */
@Component
public class DeviceTable implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeviceTable.class);

	private static final Duration FRESH = Duration.ofSeconds(1);

	private final NodeClient node;

	private final AuditSinkFactories factories;

	private final AuditProperties properties;

	private final Clock clock;

	private final Map<String, Device> devices = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private volatile Instant refreshed;

	public DeviceTable(NodeClient node, AuditSinkFactories factories, AuditProperties properties, Clock clock) {
		this.node = node;
		this.factories = factories;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * An enabled device, with its sink and breaker.
	 *
	 * @param config the node's entry
	 * @param sink its sink, or null when this instance cannot make one (unknown type,
	 * invalid options): its lines wait in the journals
	 * @param breaker opens when its writes keep failing
	 */
	public record Device(AuditDevice config, AuditSink sink, CircuitBreaker breaker) {
	}

	/** Calls {@code listener} whenever the table changed. */
	public void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

	/** The enabled device at {@code path}, as last read. */
	public Optional<Device> find(String path) {
		return Optional.ofNullable(this.devices.get(path));
	}

	/** The enabled devices' paths, as last read. */
	public Set<String> paths() {
		return Set.copyOf(this.devices.keySet());
	}

	/**
	 * Whether {@code path} is surely not enabled: the table was read from the active node
	 * within the last second (read again now if not) and does not list it. False when the
	 * table cannot be read, so that nothing is dropped on a guess.
	 */
	public boolean absent(String path) {
		Instant last = this.refreshed;
		if (last == null || last.plus(FRESH).isBefore(this.clock.instant())) {
			if (!refresh()) {
				return false;
			}
		}
		return !this.devices.containsKey(path);
	}

	/** {@code sys/audit} changed the table: read it now and tell the listeners. */
	public void changed() {
		refresh();
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${coffer.audit.delivery.devices-refresh:10s}")
	void scheduledRefresh() {
		refresh();
	}

	/** Reads the table from the active node; false when it could not be read. */
	public synchronized boolean refresh() {
		List<AuditDevice> table;
		try {
			table = this.node.devices();
		}
		catch (NodeUnavailableException | NodeRefusedException ex) {
			log.debug("audit device table not read: {}", ex.getMessage());
			return false;
		}
		this.refreshed = this.clock.instant();
		boolean changed = apply(table);
		if (changed) {
			this.listeners.forEach(Runnable::run);
		}
		return true;
	}

	private boolean apply(List<AuditDevice> table) {
		boolean changed = false;
		Set<String> seen = new HashSet<>();
		for (AuditDevice config : table) {
			seen.add(config.path());
			Device current = this.devices.get(config.path());
			if (current != null && current.config().equals(config)) {
				continue;
			}
			this.devices.put(config.path(), new Device(config, sink(config), breaker(config.path())));
			if (current != null) {
				close(current);
			}
			changed = true;
		}
		for (String path : Set.copyOf(this.devices.keySet())) {
			if (!seen.contains(path)) {
				close(this.devices.remove(path));
				log.info("audit device {} no longer enabled: closed", path);
				changed = true;
			}
		}
		return changed;
	}

	private AuditSink sink(AuditDevice config) {
		try {
			return this.factories.create(config.type(), config.path(), config.options());
		}
		catch (IllegalArgumentException ex) {
			log.warn("audit device {} ({}) cannot be delivered by this instance: {}; its lines wait in the journals",
					config.path(), config.type(), ex.getMessage());
			return null;
		}
	}

	private CircuitBreaker breaker(String path) {
		return CircuitBreaker.of("audit-device-" + path,
				CircuitBreakerConfig.custom()
					.slidingWindowSize(10)
					.minimumNumberOfCalls(5)
					.failureRateThreshold(50)
					.waitDurationInOpenState(this.properties.delivery().breakerOpen())
					.build());
	}

	private static void close(Device device) {
		if (device != null && device.sink() != null) {
			try {
				device.sink().close();
			}
			catch (java.io.IOException | RuntimeException ex) {
				log.debug("closing audit device {}: {}", device.config().path(), ex.toString());
			}
		}
	}

	@Override
	public void destroy() {
		this.devices.values().forEach(DeviceTable::close);
		this.devices.clear();
	}

}
