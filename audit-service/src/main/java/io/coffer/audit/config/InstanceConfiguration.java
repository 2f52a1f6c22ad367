package io.coffer.audit.config;

import io.coffer.support.instance.InstanceId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This instance's id in the journal claims ({@code coffer.audit.instance-id}). */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

	@Bean
	InstanceId instanceId(AuditProperties properties) {
		return new InstanceId(properties.instanceId());
	}

}
