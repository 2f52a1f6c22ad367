package io.coffer.gateway.config;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.gateway.web.RequestBodyReader;
import io.coffer.gateway.web.RequestIds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans shared by every feature: time, randomness and request-body handling.
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

	@Bean
	public RequestIds requestIds(SecureRandom secureRandom) {
		return new RequestIds(secureRandom);
	}

	@Bean
	public RequestBodyReader requestBodyReader(CofferGatewayProperties properties) {
		return new RequestBodyReader(properties.maxRequestSize().toBytes());
	}

}
