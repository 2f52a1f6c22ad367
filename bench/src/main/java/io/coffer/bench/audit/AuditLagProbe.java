package io.coffer.bench.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.coffer.bench.load.Stats;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery lag of a file audit device while load runs: every {@code interval} it reads
 * the newest complete line of the device's file and takes the age of its entry
 * ({@code time}, set by the node when it journaled the entry) at that moment. The figures
 * are an upper bound of the lag at each sample (the newest line may have arrived just
 * before).
 */
public final class AuditLagProbe implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int TAIL_BYTES = 64 * 1024;

	private final Path file;

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

	private final List<Double> lagsMillis = Collections.synchronizedList(new ArrayList<>());

	private AuditLagProbe(Path file) {
		this.file = file;
	}

	public static AuditLagProbe start(Path file, Duration interval) {
		AuditLagProbe probe = new AuditLagProbe(file);
		probe.sampler.scheduleAtFixedRate(probe::sample, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
		return probe;
	}

	/** The samples so far, as a {@link Stats} of kind {@code delivery-lag} (ms). */
	public Stats stats() {
		List<Double> lags;
		synchronized (this.lagsMillis) {
			lags = new ArrayList<>(this.lagsMillis);
		}
		Collections.sort(lags);
		if (lags.isEmpty()) {
			return new Stats("delivery-lag", 0, 0, 0, 0, 0, 0, 0, "no line in " + this.file);
		}
		return new Stats("delivery-lag", lags.size(), 0, 0, at(lags, 0.50), at(lags, 0.90), at(lags, 0.99),
				lags.getLast(), null);
	}

	private static double at(List<Double> sorted, double quantile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
	}

	private void sample() {
		try {
			String line = newestLine();
			if (line == null) {
				return;
			}
			JsonNode entry = JSON.readTree(line.substring(line.indexOf('{')));
			Instant time = Instant.parse(entry.path("time").asString());
			this.lagsMillis.add(Duration.between(time, Instant.now()).toNanos() / 1e6);
		}
		catch (IOException | RuntimeException ex) {
			// a line still being written, or no file yet: skip this sample
		}
	}

	private String newestLine() throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(this.file.toFile(), "r")) {
			long length = raf.length();
			int size = (int) Math.min(length, TAIL_BYTES);
			byte[] tail = new byte[size];
			raf.seek(length - size);
			raf.readFully(tail);
			String text = new String(tail, StandardCharsets.UTF_8);
			int end = text.lastIndexOf('\n');
			if (end <= 0) {
				return null;
			}
			int start = text.lastIndexOf('\n', end - 1) + 1;
			String line = text.substring(start, end);
			return line.contains("{") ? line : null;
		}
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

}
