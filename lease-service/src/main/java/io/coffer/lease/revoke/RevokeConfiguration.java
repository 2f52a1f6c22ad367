package io.coffer.lease.revoke;

import java.time.Clock;

import io.coffer.support.instance.InstanceId;
import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.store.LeaseQueue;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This instance's {@link RevocationWorker}, unless
 * {@code coffer.lease.revoke.enabled=false} (an instance that only serves the API).
 */
@Configuration(proxyBeanMethods = false)
public class RevokeConfiguration {

	@Bean
	PrefixRevocations.Dependencies prefixRevocationDependencies(Clock clock, ObjectProvider<RevocationWorker> worker,
			MeterRegistry registry, InstanceId instance) {
		return new PrefixRevocations.Dependencies(clock, worker, registry, instance);
	}

	@Bean
	@ConditionalOnProperty(name = "coffer.lease.revoke.enabled", matchIfMissing = true)
	RevocationWorker revocationWorker(LeaseQueue queue, Revoker revoker, LeaseProperties properties,
			ObjectProvider<Housekeeping> housekeeping, PrefixRevocations prefixes) {
		return new RevocationWorker(queue, revoker, properties, housekeeping.orderedStream().toList(),
				prefixes::releasePreviousJobs);
	}

}
