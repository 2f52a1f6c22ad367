package io.coffer.lease.revoke;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Revocations under Vault's names: {@code vault.expire.revoke} (a timer per revoked
 * lease), {@code vault.expire.revoke.failures} (refusals by the node).
 */
@Component
public class RevokeMetrics {

	private final Timer revoke;

	private final Counter failures;

	public RevokeMetrics(MeterRegistry registry) {
		this.revoke = Timer.builder("vault.expire.revoke").description("Leases revoked").register(registry);
		this.failures = Counter.builder("vault.expire.revoke.failures")
			.description("Revocations the node refused")
			.register(registry);
	}

	void revoked(long nanos) {
		this.revoke.record(nanos, TimeUnit.NANOSECONDS);
	}

	void failed() {
		this.failures.increment();
	}

}
