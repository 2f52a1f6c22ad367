package io.coffer.support.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The defaults of a Coffer servlet service, below anything the service or its operator
 * configures: only {@code health} (with liveness/readiness probes) and {@code prometheus}
 * are exposed, the two a node serves without an internal identity (a service that wants
 * its actuator on its own port sets {@code management.server.port}); and Spring's
 * form-content filter is off, because Vault reads a form-typed body that starts with
 * <code>{</code> as JSON ({@code curl -d} sends that) and a service reading Vault
 * requests needs the raw body, which the filter would consume on PUT. The reactive
 * gateway is left alone: it configures its own management port.
 */
public class ManagementDefaults implements EnvironmentPostProcessor {

	static final String SOURCE = "coffer-service-support-defaults";

	private static final Map<String, Object> DEFAULTS = Map.of("management.endpoints.web.exposure.include",
			"health,prometheus", "management.endpoint.health.probes.enabled", "true",
			"spring.mvc.formcontent.filter.enabled", "false");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (application.getWebApplicationType() == WebApplicationType.SERVLET) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
		}
	}

}
