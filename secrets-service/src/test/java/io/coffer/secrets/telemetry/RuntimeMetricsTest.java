package io.coffer.secrets.telemetry;

import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The JVM's figures under Vault's Go runtime names, read at each scrape. */
class RuntimeMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MemoryMXBean memory = mock(MemoryMXBean.class);

	private final ThreadMXBean threads = mock(ThreadMXBean.class);

	@Test
	void gaugesFollowTheJvmsHeapCommittedMemoryAndLiveThreads() {
		new RuntimeMetrics(this.registry, this.memory, this.threads);
		given(this.memory.getHeapMemoryUsage()).willReturn(new MemoryUsage(0, 300, 1000, 4000));
		given(this.memory.getNonHeapMemoryUsage()).willReturn(new MemoryUsage(0, 50, 200, -1));
		given(this.threads.getThreadCount()).willReturn(42);

		assertThat(gauge("vault.runtime.alloc_bytes")).isEqualTo(300);
		assertThat(gauge("vault.runtime.sys_bytes")).isEqualTo(1200);
		assertThat(gauge("vault.runtime.num_goroutines")).isEqualTo(42);

		given(this.memory.getHeapMemoryUsage()).willReturn(new MemoryUsage(0, 700, 1000, 4000));
		given(this.threads.getThreadCount()).willReturn(43);

		assertThat(gauge("vault.runtime.alloc_bytes")).isEqualTo(700);
		assertThat(gauge("vault.runtime.num_goroutines")).isEqualTo(43);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
