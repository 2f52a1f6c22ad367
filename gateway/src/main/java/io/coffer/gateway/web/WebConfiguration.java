package io.coffer.gateway.web;

import java.security.SecureRandom;

import io.coffer.gateway.config.CofferGatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Filters that apply to every response of the gateway, proxied or its own, request ids
 * and request-body handling.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	@Bean
	public RequestIds requestIds(SecureRandom secureRandom) {
		return new RequestIds(secureRandom);
	}

	@Bean
	public RequestBodyReader requestBodyReader(CofferGatewayProperties properties) {
		return new RequestBodyReader(properties.maxRequestSize().toBytes());
	}

	@Bean
	public NoStoreFilter noStoreFilter() {
		return new NoStoreFilter();
	}

	@Bean
	public RequestSizeLimitFilter requestSizeLimitFilter(CofferGatewayProperties properties) {
		return new RequestSizeLimitFilter(properties.maxRequestSize().toBytes());
	}

}
