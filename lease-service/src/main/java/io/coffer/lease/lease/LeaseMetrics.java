package io.coffer.lease.lease;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** Renewals under Vault's name {@code vault.expire.renew} (a timer). */
@Component
public class LeaseMetrics {

	private final Timer renew;

	public LeaseMetrics(MeterRegistry registry) {
		this.renew = Timer.builder("vault.expire.renew").description("Leases renewed").register(registry);
	}

	void renewed(long nanos) {
		this.renew.record(nanos, TimeUnit.NANOSECONDS);
	}

}
