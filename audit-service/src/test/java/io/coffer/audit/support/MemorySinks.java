package io.coffer.audit.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import io.coffer.audit.device.DeliveredLine;

/**
 * A test device type {@code memory}: every line written is kept in order; writes can be
 * made to fail ({@link #failNext}).
 */
public final class MemorySinks implements AuditSinkFactory {

	private final List<DeliveredLine> lines = new ArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		return new AuditSink() {

			@Override
			public void testWrite() {
			}

			@Override
			public void write(List<DeliveredLine> batch) throws IOException {
				if (MemorySinks.this.failures.getAndUpdate((n) -> Math.max(n - 1, 0)) > 0) {
					MemorySinks.this.failed.incrementAndGet();
					throw new IOException("memory device refuses");
				}
				synchronized (MemorySinks.this) {
					MemorySinks.this.lines.addAll(batch);
				}
			}

			@Override
			public void close() {
			}

		};
	}

	/** The next {@code writes} writes fail. */
	public void failNext(int writes) {
		this.failures.set(writes);
	}

	/** How many writes failed. */
	public int failed() {
		return this.failed.get();
	}

	public synchronized List<DeliveredLine> lines() {
		return List.copyOf(this.lines);
	}

	public synchronized List<String> texts() {
		return this.lines.stream().map(DeliveredLine::line).toList();
	}

}
