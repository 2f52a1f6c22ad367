package io.coffer.secrets.audit.journal;

import java.util.List;
import java.util.Map;

import io.coffer.common.audit.AuditPaths;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lists audit-service as a caller of the node only when its public key is configured
 * ({@code coffer.identity.callers.audit.keys}): then its paths default to
 * {@code /internal/audit/**}. Without the key it is no caller at all (service-support
 * refuses a listed caller it cannot verify), so a node without audit-service starts as
 * before.
 */
public class AuditCallerDefaults implements EnvironmentPostProcessor {

	static final String KEYS = "coffer.identity.callers." + AuditPaths.CALLER + ".keys";

	static final String PATHS = "coffer.identity.callers." + AuditPaths.CALLER + ".paths";

	static final String DEFAULT_PATHS = "/internal/audit/**";

	private static final String SOURCE = "coffer-audit-caller-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> keys = Binder.get(environment).bind(KEYS, Bindable.listOf(String.class)).orElse(List.of());
		if (keys.stream().anyMatch((key) -> !key.isBlank())) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PATHS, DEFAULT_PATHS)));
		}
	}

}
