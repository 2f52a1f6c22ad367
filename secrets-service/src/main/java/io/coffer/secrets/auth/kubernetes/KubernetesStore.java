package io.coffer.secrets.auth.kubernetes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;

/**
 * A kubernetes mount's configuration and roles, behind the barrier in the mount's own
 * view.
 */
final class KubernetesStore {

	private static final String CONFIG = "config";

	private static final String ROLE_PREFIX = "role/";

	private final BarrierView view;

	KubernetesStore(BarrierView view) {
		this.view = view;
	}

	/** Vault's role names ({@code GenericNameRegex}), lower-cased. */
	static String roleName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.length() > 128 || !lower.matches("\\w([\\w.-]*\\w)?")) {
			throw VaultException.badRequest("invalid role name");
		}
		return lower;
	}

	Optional<KubernetesConfig> config() {
		return this.view.get(CONFIG).map((bytes) -> Json.read(bytes, KubernetesConfig.class));
	}

	void saveConfig(KubernetesConfig config) {
		this.view.put(CONFIG, Json.write(config));
	}

	Optional<KubernetesRole> role(String name) {
		return this.view.get(ROLE_PREFIX + name.toLowerCase(Locale.ROOT))
			.map((bytes) -> Json.read(bytes, KubernetesRole.class));
	}

	void saveRole(KubernetesRole role) {
		this.view.put(ROLE_PREFIX + role.name(), Json.write(role));
	}

	void deleteRole(String name) {
		this.view.delete(ROLE_PREFIX + name);
	}

	List<String> roleNames() {
		return this.view.list(ROLE_PREFIX).stream().filter((key) -> !key.endsWith("/")).toList();
	}

}
