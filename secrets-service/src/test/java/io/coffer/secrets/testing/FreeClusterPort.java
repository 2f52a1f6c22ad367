package io.coffer.secrets.testing;

import java.util.Map;

import io.coffer.secrets.storage.replicated.TestPorts;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Spring context of this module's tests its own Hazelcast port (the test
 * configuration reads {@code coffer.test.cluster-port}). The port is handed out once per
 * JVM and checked bindable, so two cached contexts never draw the same one: with a random
 * number they sometimes did, and the second failed to start ("HazelcastInstance with name
 * ... already exists").
 */
public class FreeClusterPort implements EnvironmentPostProcessor {

	static final String PROPERTY = "coffer.test.cluster-port";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty(PROPERTY)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("coffer-test-cluster-port", Map.of(PROPERTY, TestPorts.free())));
		}
	}

}
