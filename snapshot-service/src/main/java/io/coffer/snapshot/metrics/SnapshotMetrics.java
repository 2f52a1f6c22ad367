package io.coffer.snapshot.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Vault Enterprise's automated-snapshot metrics ({@code vault.autosnapshots.*}, tagged
 * with the configuration's name as {@code config}), plus Coffer's verification errors.
 * README.md "Metrics" lists them with their Prometheus names.
 */
@Component
public class SnapshotMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> size = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> spaceUsedPermille = new ConcurrentHashMap<>();

	public SnapshotMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** A snapshot was stored and verified. */
	public void saved(String config, Duration took, long bytes, long endEpochSeconds) {
		Timer.builder("vault.autosnapshots.save.duration")
			.description("Time to take, store and verify one automated snapshot")
			.tag("config", config)
			.register(this.registry)
			.record(took);
		gauge(this.size, "vault.autosnapshots.snapshot.size", "Size in bytes of the last snapshot", config).set(bytes);
		lastSuccess(config, endEpochSeconds);
	}

	/**
	 * The end of the configuration's last successful snapshot (from its stored status).
	 */
	public void lastSuccess(String config, long endEpochSeconds) {
		gauge(this.lastSuccess, "vault.autosnapshots.last.success.time",
				"Unix time of the end of the last successful snapshot", config)
			.set(endEpochSeconds);
	}

	public void saveError(String config) {
		saveErrors(config).increment();
	}

	public void verifyError(String config) {
		verifyErrors(config).increment();
	}

	/**
	 * Registers the configuration's error counters at 0, so that they exist (and alerts
	 * and dashboards see 0, not nothing) before the first failure.
	 */
	public void known(String config) {
		saveErrors(config);
		verifyErrors(config);
	}

	private Counter saveErrors(String config) {
		return Counter.builder("vault.autosnapshots.save.errors")
			.description("Automated snapshots that failed")
			.tag("config", config)
			.register(this.registry);
	}

	private Counter verifyErrors(String config) {
		return Counter.builder("vault.autosnapshots.verify.errors")
			.description("Automated snapshots that failed their verification (not kept)")
			.tag("config", config)
			.register(this.registry);
	}

	/** Percent of {@code local_max_space} the configuration's snapshots take. */
	public void spaceUsed(String config, long used, long max) {
		long permille = (max > 0) ? Math.round(used * 1000.0 / max) : 0;
		this.spaceUsedPermille.computeIfAbsent(config, (name) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("vault.autosnapshots.percent.maxspace.used", value, (v) -> v.get() / 10.0)
				.description("Percent of local_max_space used by the configuration's snapshots")
				.tag("config", name)
				.register(this.registry);
			return value;
		}).set(permille);
	}

	private AtomicLong gauge(Map<String, AtomicLong> values, String name, String description, String config) {
		return values.computeIfAbsent(config, (key) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder(name, value, AtomicLong::get)
				.description(description)
				.tag("config", key)
				.register(this.registry);
			return value;
		});
	}

}
