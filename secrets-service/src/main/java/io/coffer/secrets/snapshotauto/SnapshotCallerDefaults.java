package io.coffer.secrets.snapshotauto;

import java.util.List;
import java.util.Map;

import io.coffer.common.snapshotauto.SnapshotAutoPaths;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lists snapshot-service as a caller of the node only when its public key is configured
 * ({@code coffer.identity.callers.snapshot.keys}): then its paths default to
 * {@code /internal/snapshot-auto/**}. Without the key it is no caller at all, so a node
 * without snapshot-service starts as before.
 */
public class SnapshotCallerDefaults implements EnvironmentPostProcessor {

	static final String KEYS = "coffer.identity.callers." + SnapshotAutoPaths.CALLER + ".keys";

	static final String PATHS = "coffer.identity.callers." + SnapshotAutoPaths.CALLER + ".paths";

	static final String DEFAULT_PATHS = "/internal/snapshot-auto/**";

	private static final String SOURCE = "coffer-snapshot-caller-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> keys = Binder.get(environment).bind(KEYS, Bindable.listOf(String.class)).orElse(List.of());
		if (keys.stream().anyMatch((key) -> !key.isBlank())) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PATHS, DEFAULT_PATHS)));
		}
	}

}
