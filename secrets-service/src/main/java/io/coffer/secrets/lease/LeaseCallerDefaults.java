package io.coffer.secrets.lease;

import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lists lease-service as a caller of the node only when its public key is configured
 * ({@code coffer.identity.callers.lease.keys}): then its paths default to
 * {@code /internal/leases/**}. A node without lease-service keeps only the gateway: a
 * caller entry without keys would stop the node at start-up (service-support refuses a
 * listed caller it cannot verify), so none is made up.
 */
public class LeaseCallerDefaults implements EnvironmentPostProcessor {

	static final String KEYS = "coffer.identity.callers." + NodeLeaseController.CALLER + ".keys";

	static final String PATHS = "coffer.identity.callers." + NodeLeaseController.CALLER + ".paths";

	static final String DEFAULT_PATHS = "/internal/leases/**";

	private static final String SOURCE = "coffer-lease-caller-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> keys = Binder.get(environment).bind(KEYS, Bindable.listOf(String.class)).orElse(List.of());
		if (keys.stream().anyMatch((key) -> !key.isBlank())) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PATHS, DEFAULT_PATHS)));
		}
	}

}
