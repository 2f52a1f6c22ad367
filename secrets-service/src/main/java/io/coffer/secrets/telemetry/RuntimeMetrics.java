package io.coffer.secrets.telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The JVM's equivalents of Vault's Go runtime gauges, under Vault's names, for the
 * community dashboards' runtime panels: {@code vault.runtime.alloc_bytes} (heap in use,
 * Go's live heap allocation), {@code vault.runtime.sys_bytes} (heap and non-heap memory
 * committed by the JVM, Go's memory obtained from the system) and
 * {@code vault.runtime.num_goroutines} (live threads). Micrometer's {@code jvm_*} meters
 * have the detail (per pool, GC pauses); Go's heap object and malloc counts have no JVM
 * equivalent and are not exported.
 */
@Component
class RuntimeMetrics {

	@Autowired
	RuntimeMetrics(MeterRegistry registry) {
		this(registry, ManagementFactory.getMemoryMXBean(), ManagementFactory.getThreadMXBean());
	}

	RuntimeMetrics(MeterRegistry registry, MemoryMXBean memory, ThreadMXBean threads) {
		Gauge.builder("vault.runtime.alloc_bytes", memory, (m) -> m.getHeapMemoryUsage().getUsed())
			.description("Heap memory in use (the JVM's equivalent of Go's allocated heap bytes)")
			.register(registry);
		Gauge
			.builder("vault.runtime.sys_bytes", memory,
					(m) -> m.getHeapMemoryUsage().getCommitted() + m.getNonHeapMemoryUsage().getCommitted())
			.description("Heap and non-heap memory committed by the JVM (Go's bytes obtained from the system)")
			.register(registry);
		Gauge.builder("vault.runtime.num_goroutines", threads, ThreadMXBean::getThreadCount)
			.description("Live threads (the JVM's equivalent of Go's goroutines)")
			.register(registry);
	}

}
