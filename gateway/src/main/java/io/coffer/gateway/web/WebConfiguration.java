package io.coffer.gateway.web;

import io.coffer.gateway.config.CofferGatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Filters that apply to every response of the gateway, proxied or its own.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	@Bean
	public NoStoreFilter noStoreFilter() {
		return new NoStoreFilter();
	}

	@Bean
	public RequestSizeLimitFilter requestSizeLimitFilter(CofferGatewayProperties properties) {
		return new RequestSizeLimitFilter(properties.maxRequestSize().toBytes());
	}

}
