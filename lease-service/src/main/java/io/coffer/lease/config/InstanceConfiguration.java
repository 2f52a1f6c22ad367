package io.coffer.lease.config;

import io.coffer.support.instance.InstanceId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This instance's id in the revocation claims ({@code coffer.lease.instance-id}). */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

	@Bean
	InstanceId instanceId(LeaseProperties properties) {
		return new InstanceId(properties.instanceId());
	}

}
