package io.coffer.support.web;

import io.coffer.support.web.error.VaultErrorHandler;
import io.coffer.support.web.json.JsonLimits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * What every Coffer servlet service answers the same way: {@code Cache-Control: no-store}
 * on every response ({@link NoStoreFilter}), one request id per request
 * ({@link RequestIdFilter}), Vault's error envelope and status mapping
 * ({@link VaultErrorHandler}) and the JSON shape limits under {@code coffer.http.json}
 * ({@link JsonLimits}, read with {@code LimitedJson}). The internal identity's resource
 * server is {@code web.identity.IdentitySecurityConfiguration}; actuator defaults come
 * from {@link ManagementDefaults}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JsonLimits.class)
public class ServletSupportAutoConfiguration {

	/**
	 * Before Spring Security's chain (order -100), so that a refused call's log line
	 * carries its request id too.
	 */
	static final int REQUEST_ID_ORDER = -200;

	@Bean
	NoStoreFilter noStoreFilter() {
		return new NoStoreFilter();
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(REQUEST_ID_ORDER);
		return registration;
	}

	@Bean
	VaultErrorHandler vaultErrorHandler() {
		return new VaultErrorHandler();
	}

}
