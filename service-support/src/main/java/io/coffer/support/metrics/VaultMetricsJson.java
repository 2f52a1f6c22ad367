package io.coffer.support.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * A registry's meters in the JSON shape of Vault's {@code GET sys/metrics} (go-metrics'
 * {@code DisplayMetrics}): {@code Timestamp}, {@code Gauges} ({@code Name},
 * {@code Value}, {@code Labels}), {@code Points} (always empty), {@code Counters} and
 * {@code Samples} ({@code Name}, {@code Count}, {@code Sum}, {@code Mean}, {@code Max},
 * {@code Labels}; samples in milliseconds, as Vault's). Names are Micrometer's dotted
 * names, which are Vault's for the {@code vault.*} meters. One difference: go-metrics
 * reports counters and samples of its last 10 s interval, Coffer reports them since the
 * process started (a sample's {@code Max} is Micrometer's recent maximum).
 */
public final class VaultMetricsJson {

	private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
		.withZone(ZoneOffset.UTC);

	private VaultMetricsJson() {
	}

	public static Map<String, Object> render(MeterRegistry registry, Instant now) {
		List<Map<String, Object>> gauges = new ArrayList<>();
		List<Map<String, Object>> counters = new ArrayList<>();
		List<Map<String, Object>> samples = new ArrayList<>();
		List<Meter> meters = new ArrayList<>(registry.getMeters());
		meters.sort(Comparator.comparing((Meter m) -> m.getId().getName())
			.thenComparing((Meter m) -> m.getId().getTags().toString()));
		for (Meter meter : meters) {
			meter
				.use((gauge) -> add(gauges, gauge(meter, gauge.value())),
						(counter) -> add(counters, counter(meter, counter.count())),
						(timer) -> add(samples,
								sample(meter, timer.count(), timer.totalTime(TimeUnit.MILLISECONDS),
										timer.max(TimeUnit.MILLISECONDS))),
						(summary) -> add(samples, sample(meter, summary.count(), summary.totalAmount(), summary.max())),
						(longTask) -> add(gauges, gauge(meter, longTask.activeTasks())),
						(timeGauge) -> add(gauges, gauge(meter, timeGauge.value(TimeUnit.MILLISECONDS))),
						(functionCounter) -> add(counters, counter(meter, functionCounter.count())), (
								functionTimer) -> add(samples,
										sample(meter, (long) functionTimer.count(),
												functionTimer.totalTime(TimeUnit.MILLISECONDS), Double.NaN)),
						(other) -> {
						});
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("Timestamp", GO_TIME.format(now));
		body.put("Gauges", gauges);
		body.put("Points", List.of());
		body.put("Counters", counters);
		body.put("Samples", samples);
		return body;
	}

	private static void add(List<Map<String, Object>> list, Map<String, Object> entry) {
		list.add(entry);
	}

	private static Map<String, Object> gauge(Meter meter, double value) {
		Map<String, Object> entry = named(meter);
		entry.put("Value", finite(value));
		entry.put("Labels", labels(meter));
		return entry;
	}

	private static Map<String, Object> counter(Meter meter, double count) {
		Map<String, Object> entry = named(meter);
		entry.put("Count", (long) count);
		entry.put("Sum", finite(count));
		entry.put("Labels", labels(meter));
		return entry;
	}

	private static Map<String, Object> sample(Meter meter, long count, double sum, double max) {
		Map<String, Object> entry = named(meter);
		entry.put("Count", count);
		entry.put("Sum", finite(sum));
		entry.put("Mean", (count > 0) ? finite(sum / count) : 0.0);
		entry.put("Max", finite(max));
		entry.put("Labels", labels(meter));
		return entry;
	}

	private static Map<String, Object> named(Meter meter) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("Name", meter.getId().getName());
		return entry;
	}

	private static Map<String, String> labels(Meter meter) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (Tag tag : meter.getId().getTagsAsIterable()) {
			labels.put(tag.getKey(), tag.getValue());
		}
		return labels;
	}

	/** JSON has no NaN or infinity: such a value (a gauge whose source is gone) is 0. */
	private static double finite(double value) {
		return Double.isFinite(value) ? value : 0.0;
	}

}
