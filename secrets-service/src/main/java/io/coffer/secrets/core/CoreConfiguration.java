package io.coffer.secrets.core;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few infrastructure beans everything else is built from. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The platform's non-blocking CSPRNG (NativePRNG on Linux); getInstanceStrong() may
	 * block on /dev/random.
	 */
	@Bean
	SecureRandom secureRandom() {
		return new SecureRandom();
	}

	@Bean
	Barrier barrier(Storage storage, SecureRandom random, Clock clock, MeterRegistry registry) {
		return new Barrier(storage, random, clock, registry);
	}

}
