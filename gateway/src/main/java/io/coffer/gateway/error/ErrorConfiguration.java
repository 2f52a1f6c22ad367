package io.coffer.gateway.error;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Vault-shaped error responses.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorConfiguration {

	@Bean
	public VaultErrorWebExceptionHandler vaultErrorWebExceptionHandler(JsonMapper jsonMapper) {
		return new VaultErrorWebExceptionHandler(jsonMapper);
	}

}
