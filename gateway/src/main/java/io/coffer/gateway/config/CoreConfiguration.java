package io.coffer.gateway.config;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans shared by every feature: time and randomness.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

	@Bean
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	public SecureRandom secureRandom() {
		return new SecureRandom();
	}

}
