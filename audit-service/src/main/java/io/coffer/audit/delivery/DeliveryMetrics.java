package io.coffer.audit.delivery;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Delivery's meters, per device: {@code coffer.audit.device.backlog} (journal entries not
 * yet delivered, over every node), {@code coffer.audit.device.lag} (seconds since the
 * oldest undelivered line was journaled), {@code coffer.audit.device.errors} (failed
 * writes), {@code coffer.audit.device.delivered} (lines), and
 * {@code coffer.audit.chain.failures} (lines whose {@code coffer_chain} did not match the
 * line before them).
 */
@Component
public class DeliveryMetrics {

	/** The chain failures counter's name (also counted by the verify endpoint). */
	public static final String CHAIN_FAILURES = "coffer.audit.chain.failures";

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<String, DeviceMeters> devices = new ConcurrentHashMap<>();

	private final Counter chainFailures;

	public DeliveryMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.chainFailures = Counter.builder(CHAIN_FAILURES)
			.description("Audit lines whose hash chain did not match the line before them")
			.register(registry);
	}

	/** A (node, device) delivery's backlog after its last page. */
	void backlog(String device, String node, long entries) {
		meters(device).backlog.put(node, Math.max(entries, 0));
	}

	/**
	 * The journal time (epoch millis) of the oldest line of {@code device} not yet
	 * delivered from {@code node}, or 0 when none waits.
	 */
	void pendingSince(String device, String node, long epochMillis) {
		meters(device).pendingSince.put(node, epochMillis);
	}

	void error(String device) {
		meters(device).errors.increment();
	}

	void delivered(String device, int lines) {
		meters(device).delivered.increment(lines);
	}

	void chainFailure() {
		this.chainFailures.increment();
	}

	private DeviceMeters meters(String device) {
		return this.devices.computeIfAbsent(device, DeviceMeters::new);
	}

	private final class DeviceMeters {

		private final Map<String, Long> backlog = new ConcurrentHashMap<>();

		private final Map<String, Long> pendingSince = new ConcurrentHashMap<>();

		private final Counter errors;

		private final Counter delivered;

		DeviceMeters(String device) {
			MeterRegistry registry = DeliveryMetrics.this.registry;
			Gauge
				.builder("coffer.audit.device.backlog", this,
						(m) -> m.backlog.values().stream().mapToLong(Long::longValue).sum())
				.description("Journal entries not yet delivered to the audit device")
				.tag("device", device)
				.register(registry);
			Gauge.builder("coffer.audit.device.lag", this, DeviceMeters::lagSeconds)
				.description("Seconds since the oldest line not yet delivered to the audit device was journaled")
				.baseUnit("seconds")
				.tag("device", device)
				.register(registry);
			this.errors = Counter.builder("coffer.audit.device.errors")
				.description("Failed writes to the audit device (each retried)")
				.tag("device", device)
				.register(registry);
			this.delivered = Counter.builder("coffer.audit.device.delivered")
				.description("Lines delivered to the audit device")
				.tag("device", device)
				.register(registry);
		}

		double lagSeconds() {
			long now = DeliveryMetrics.this.clock.millis();
			long oldest = this.pendingSince.values()
				.stream()
				.filter((t) -> t > 0)
				.mapToLong(Long::longValue)
				.min()
				.orElse(0);
			return (oldest > 0) ? Math.max(now - oldest, 0) / 1000.0 : 0.0;
		}

	}

}
